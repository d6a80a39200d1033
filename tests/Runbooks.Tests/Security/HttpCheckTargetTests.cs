using System.Net;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.Runbooks.Tests.Execution;
using ChatOpsIncidents.TestSupport.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIncidents.Runbooks.Tests.Security;

/// <summary>
/// Issue 16, finding 3: an alert label fills only the host of an http.check URL, within its allowed_hosts; the Kubernetes
/// API and metadata addresses are out of reach, and a redirect to another host is not followed.
/// </summary>
public sealed class HttpCheckTargetTests : IAsyncLifetime
{
    private const string HealthCheck = """
        ---
        id: health-check
        title: Health check
        summary: Checks the instance that fired.
        steps:
          - kind: http.check
            name: Health
            url: "http://{{ labels.instance }}/healthz"
            allowed_hosts: ["127.0.0.1:*", "localhost:*", "169.254.169.254", "*.payments.svc"]
        ---
        Check it.
        """;

    private KubernetesStandIn _k8s = null!;
    private RunbookHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _k8s = await KubernetesStandIn.StartAsync(TestContext.Current.CancellationToken);
        _harness = await RunbookHarness.StartAsync(_k8s, new() { ["health-check.md"] = HealthCheck });
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _k8s.DisposeAsync();
    }

    [Fact]
    public async Task A_label_reaching_into_the_path_to_the_kubernetes_api_is_refused_and_nothing_is_fetched()
    {
        (RunbookRun? run, _, string? refusal) = await _harness.StartAsync(Check("127.0.0.1:18443/api/v1/namespaces/kube-system/secrets?x="));

        Assert.Null(run);
        Assert.Equal(
            "health-check, step “Health”: “http://127.0.0.1:18443/api/v1/namespaces/kube-system/secrets?x=/healthz” is not “http://{{ labels.instance }}/healthz” with a host filled in: a label may give only the host (and port).",
            refusal);
    }

    [Fact]
    public async Task The_bots_own_kubernetes_api_server_is_refused_though_an_allowed_host_pattern_covers_it()
    {
        (RunbookRun? run, _, string? refusal) = await _harness.StartAsync(Check(_k8s.Server.Authority));

        Assert.Null(run);
        Assert.EndsWith("is a link-local, metadata or Kubernetes API address: only an allowed_hosts entry naming it exactly lets a check reach it.", refusal);
        Assert.Empty(_k8s.Requests);
    }

    [Theory]
    [InlineData("169.254.170.2")]
    [InlineData("[fd00:ec2::254]")]
    [InlineData("evil.example")]
    public async Task Metadata_addresses_and_hosts_outside_allowed_hosts_are_refused(string instance)
    {
        (RunbookRun? run, _, string? refusal) = await _harness.StartAsync(Check(instance));

        Assert.Null(run);
        Assert.NotNull(refusal);
    }

    [Fact]
    public async Task A_listed_metadata_address_and_an_allowed_host_are_planned()
    {
        (_, RunPlan? listed, _) = await _harness.StartAsync(Check("169.254.169.254") with { DryRun = true });
        (_, RunPlan? allowed, _) = await _harness.StartAsync(Check("checkout.payments.svc") with { DryRun = true });

        Assert.Equal("check that GET http://169.254.169.254/healthz answers 200", listed!.Steps[0].Description);
        Assert.Equal("check that GET http://checkout.payments.svc/healthz answers 200", allowed!.Steps[0].Description);
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_not_followed_and_only_the_status_and_time_are_recorded()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using WebApplication service = builder.Build();
        service.MapGet("/healthz", () => Results.Redirect($"{_k8s.ServerUrl}/api/v1/namespaces/kube-system/secrets"));
        await service.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(service.Urls.Single());
        IncidentKey incident = await _harness.DeclareAsync();

        (RunbookRun? run, RunPlan? plan, _) = await _harness.StartAsync(Check(address.Authority) with { Incident = incident });
        RunbookRun done = await _harness.ExecuteAsync(run!, plan!, new RecordingObserver());

        Assert.Equal($"GET http://{address.Authority}/healthz answered {(int)HttpStatusCode.Redirect} in 0 ms, expected 200", done.Steps[0].Detail);
        Assert.Empty(_k8s.Requests);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_the_kubernetes_api_server_is_refused_when_connecting_and_nothing_reaches_it()
    {
        IncidentKey incident = await _harness.DeclareAsync();
        string instance = $"localhost:{_k8s.Server.Port}"; // a name, so planning lets it through: what it resolves to decides

        (RunbookRun? run, RunPlan? plan, _) = await _harness.StartAsync(Check(instance) with { Incident = incident });
        RunbookRun done = await _harness.ExecuteAsync(run!, plan!, new RecordingObserver());

        Assert.StartsWith($"GET http://{instance}/healthz failed: localhost resolves to 127.0.0.1, a link-local, metadata or Kubernetes API address",
            done.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Empty(_k8s.Requests);
    }

    private static RunRequest Check(string instance) => new("health-check", Actor.SlackUser("U0ONCALL1", "dana"), null)
    {
        Labels = new Dictionary<string, string> { ["alertname"] = "InstanceDown", ["instance"] = instance },
    };
}
