using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.Runbooks.Execution.Redaction;
using ChatOpsIncidents.Runbooks.Tests.Execution;
using ChatOpsIncidents.TestSupport.Kubernetes;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks.Tests.Security;

/// <summary>Issue 16, finding 2: secrets in what a run gathers never leave the bot; the timeline says how many were taken out.</summary>
public sealed class GatheredSecretsTests
{
    [Fact]
    public async Task The_shipped_disk_pressure_runbook_attaches_logs_with_the_password_redacted_and_counts_it_on_the_timeline()
    {
        await using KubernetesStandIn k8s = await KubernetesStandIn.StartAsync(TestContext.Current.CancellationToken);
        k8s.Cluster.AddDeployment("payments", "billing-secrets");
        k8s.Cluster.CrashLoop("payments", "billing-secrets-7c9d8f6b5-pod1", "starting with SECRET_DB_PASSWORD=hunter2\npanic: disk full\n");
        await using RunbookHarness harness = await RunbookHarness.StartAsync(k8s, new() { ["disk-pressure.md"] = ShippedRunbooks.Text("disk-pressure") });
        IncidentKey incident = await harness.DeclareAsync();
        var observer = new RecordingObserver();
        (RunbookRun? run, RunPlan? plan, _) = await harness.StartAsync(new RunRequest("disk-pressure", Actor.Runbook("disk-pressure"), incident)
        {
            Labels = new Dictionary<string, string> { ["alertname"] = "KubeletDiskPressure", ["namespace"] = "payments", ["deployment"] = "billing-secrets" },
            Automatic = true,
            TriggerEntryId = 1,
        });

        await harness.ExecuteAsync(run!, plan!, observer);

        (_, string output) = Assert.Single(observer.Attachments);
        Assert.DoesNotContain("hunter2", output);
        Assert.Contains("starting with SECRET_DB_PASSWORD=[redacted]\npanic: disk full", output);
        TimelineEntry step = Assert.Single((await harness.IncidentAsync(incident)).Timeline, e => e.Kind == TimelineEntryKind.RunbookStep);
        Assert.EndsWith("(1 secrets in what it gathered were replaced by [redacted])", step.Text);
    }

    [Theory]
    [InlineData("SECRET_DB_PASSWORD=hunter2", "SECRET_DB_PASSWORD=[redacted]")]
    [InlineData("db passwd: 'hunter 2' ok", "db passwd: [redacted] ok")]
    [InlineData("{\"api_key\": \"k-123\", \"user\": \"ann\"}", "{\"api_key\": [redacted], \"user\": \"ann\"}")]
    [InlineData("GITHUB_TOKEN=ghp_abc;next", "GITHUB_TOKEN=[redacted];next")]
    [InlineData("Authorization: Bearer abc.def\nnext", "Authorization: [redacted]\nnext")]
    [InlineData("calling with bearer abcdef123", "calling with bearer [redacted]")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end", "jwt [redacted] end")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nxyz\n-----END RSA PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----[redacted]-----END RSA PRIVATE KEY-----")]
    [InlineData("key id AKIAIOSFODNN7EXAMPLE used", "key id [redacted] used")]
    [InlineData("posting with xoxb-1234-5678-abcdefgh", "posting with [redacted]")]
    [InlineData("dial postgres://billing:hunter2@db:5432/billing", "dial postgres://billing:[redacted]@db:5432/billing")]
    [InlineData("Host=db;Username=billing;Password=hunter2;Database=billing", "Host=db;Username=billing;Password=[redacted];Database=billing")]
    [InlineData("card 4111-1111-1111-1111", "card [redacted]")]
    [InlineData("Pod billing-secrets-7c9d8f6b5-pod1: Running, DB_SECRET: s3", "Pod billing-secrets-7c9d8f6b5-pod1: Running, DB_SECRET: [redacted]")]
    public void Each_kind_of_secret_is_replaced_by_the_marker(string gathered, string shown)
    {
        var redactor = new GatheredOutputRedactor(Options.Create(new RunbookOptions { RedactPatterns = [@"\b\d{4}-\d{4}-\d{4}-\d{4}\b"] }));

        Assert.Equal((shown, 1), redactor.Redact(gathered));
    }
}
