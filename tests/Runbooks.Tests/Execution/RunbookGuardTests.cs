using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Runbooks.Tests.Execution;

/// <summary>Each guard refuses with a message that says why, and not one request reaches Kubernetes.</summary>
public sealed class RunbookGuardTests(PostgresServer postgres) : CheckoutApiRunbookTests
{
    private static readonly Actor s_dana = Actor.SlackUser("U0ONCALL1", "dana");
    private static readonly Dictionary<string, string> s_labels = new() { ["alertname"] = "KubePodCrashLooping", ["namespace"] = "payments", ["deployment"] = "checkout-api" };

    [Fact]
    public async Task Someone_not_in_allowed_is_refused()
    {
        (RunbookRun? run, _, string? refusal) = await Harness.StartAsync(Request("restricted-restart") with { Confirmed = true });

        Assert.Null(run);
        Assert.Equal("You may not run restricted-restart: it is limited to <@U0SRELEAD>, @sre-oncall.", refusal);
        Assert.Empty(K8s.Requests);
    }

    [Fact]
    public async Task A_member_of_an_allowed_user_group_may_run_it()
    {
        (RunbookRun? run, _, string? refusal) = await Harness.StartAsync(Request("restricted-restart") with { Confirmed = true, UserGroups = ["sre-oncall"] });

        Assert.Null(refusal);
        Assert.Equal(RunStatus.Running, run!.Status);
    }

    [Fact]
    public async Task A_run_that_changes_the_cluster_does_not_start_unconfirmed()
    {
        (RunbookRun? run, RunPlan? plan, string? refusal) = await Harness.StartAsync(Request("restart-deployment"));

        Assert.Null(run);
        Assert.True(plan!.NeedsConfirmation);
        Assert.Equal("restart-deployment changes the cluster or asks to be confirmed: it runs only after someone confirms it.", refusal);
        Assert.Empty(K8s.Requests);
    }

    [Fact]
    public async Task A_second_run_of_the_same_deployment_is_refused_while_the_first_one_runs()
    {
        (RunbookRun? first, _, _) = await Harness.StartAsync(Request("restart-deployment") with { Confirmed = true });

        (RunbookRun? second, _, string? refusal) = await Harness.StartAsync(Request("scale-out") with { Confirmed = true, Given = new Dictionary<string, string> { ["replicas"] = "4" } });

        Assert.Null(second);
        Assert.Equal($"Run {first!.Id} of restart-deployment, started by <@U0ONCALL1>, is still working on deployment payments/checkout-api. One run per target at a time: follow it with `/runbook status {first.Id}`.", refusal);
        Assert.Empty(K8s.Requests);
    }

    [Fact]
    public async Task Two_replicas_on_one_PostgreSQL_racing_for_one_deployment_start_exactly_one_run()
    {
        string database = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using RunbookHarness one = await RunbookHarness.StartAsync(K8s, TestRunbooks.All, database);
        await using RunbookHarness two = await RunbookHarness.StartAsync(K8s, TestRunbooks.All, database);

        var results = await Task.WhenAll(
            one.StartAsync(Request("restart-deployment") with { Confirmed = true }),
            two.StartAsync(Request("restart-deployment") with { Confirmed = true }));

        Assert.Single(results, r => r.Run is not null);
        Assert.Contains("is still working on deployment payments/checkout-api", Assert.Single(results, r => r.Run is null).Refusal);
    }

    [Fact]
    public async Task An_automatic_run_over_its_hourly_limit_is_refused_until_the_hour_has_passed()
    {
        RunRequest automatic = Request("auto-diagnostics") with { By = Actor.Runbook("auto-diagnostics"), Automatic = true };
        (RunbookRun? first, RunPlan? plan, _) = await Harness.StartAsync(automatic with { TriggerEntryId = 1 });
        await Harness.ExecuteAsync(first!, plan!, new RecordingObserver());
        int sent = K8s.Requests.Count;

        (RunbookRun? second, _, string? refusal) = await Harness.StartAsync(automatic with { TriggerEntryId = 2 });
        Harness.Time.Advance(TimeSpan.FromMinutes(61));
        (RunbookRun? later, _, _) = await Harness.StartAsync(automatic with { TriggerEntryId = 3 });

        Assert.Null(second);
        Assert.Equal("auto-diagnostics already ran by itself 1 times in the last hour (max_runs_per_hour: 1); a person has to look.", refusal);
        Assert.Equal(sent, K8s.Requests.Count);
        Assert.NotNull(later);
    }

    [Fact]
    public async Task Two_replicas_on_one_PostgreSQL_starting_automatic_runs_at_once_stay_within_the_hourly_limit()
    {
        string database = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using RunbookHarness one = await RunbookHarness.StartAsync(K8s, TestRunbooks.All, database);
        await using RunbookHarness two = await RunbookHarness.StartAsync(K8s, TestRunbooks.All, database);
        RunRequest automatic = Request("auto-diagnostics") with { By = Actor.Runbook("auto-diagnostics"), Automatic = true };
        var cart = new Dictionary<string, string>(s_labels) { ["deployment"] = "cart-api" }; // another target: the one-run-per-target index does not decide

        var results = await Task.WhenAll(
            one.StartAsync(automatic with { TriggerEntryId = 1 }),
            two.StartAsync(automatic with { TriggerEntryId = 2, Labels = cart }));

        Assert.Single(results, r => r.Run is not null);
        Assert.Equal(
            "auto-diagnostics already ran by itself 1 times in the last hour (max_runs_per_hour: 1); a person has to look.",
            Assert.Single(results, r => r.Run is null).Refusal);
    }

    [Fact]
    public async Task A_runbook_that_is_not_auto_never_runs_by_itself()
    {
        (RunbookRun? run, _, string? refusal) = await Harness.StartAsync(Request("restart-deployment") with { By = Actor.Runbook("restart-deployment"), Automatic = true });

        Assert.Null(run);
        Assert.Equal("restart-deployment is not an auto runbook: it runs only when a person starts it.", refusal);
        Assert.Empty(K8s.Requests);
    }

    [Theory]
    [InlineData("namespace", "kube-system", "restart-deployment, step “Restart”: namespace kube-system is not one runbooks may touch (Kubernetes:AllowedNamespaces: payments).")]
    [InlineData("deployment", "Checkout_API", "restart-deployment, step “Restart”: “Checkout_API” is not a valid deployment name")]
    [InlineData("color", "red", "restart-deployment has no parameter “color”; it takes namespace, deployment.")]
    public async Task Parameters_outside_the_allowlist_or_not_DNS_1123_are_refused(string name, string value, string message)
    {
        var request = Request("restart-deployment") with { Confirmed = true, Given = new Dictionary<string, string> { [name] = value } };

        (RunbookRun? run, _, string? refusal) = await Harness.StartAsync(request);

        Assert.Null(run);
        Assert.StartsWith(message, refusal);
        Assert.Empty(K8s.Requests);
    }

    [Fact]
    public async Task Replicas_outside_the_steps_bounds_are_refused()
    {
        (_, _, string? refusal) = await Harness.StartAsync(Request("scale-out") with { Confirmed = true, Given = new Dictionary<string, string> { ["replicas"] = "9" } });

        Assert.Equal("scale-out, step “kubernetes.scale”: replicas must be a whole number from 2 to 5, was “9”.", refusal);
        Assert.Empty(K8s.Requests);
    }

    [Fact]
    public async Task A_dry_run_plans_the_exact_requests_and_sends_none()
    {
        await using AsyncServiceScope scope = Harness.Services.CreateAsyncScope();
        RunbookRunner runner = scope.ServiceProvider.GetRequiredService<RunbookRunner>();

        RunPreparation preparation = await runner.PrepareAsync(Request("restart-deployment") with { DryRun = true }, TestContext.Current.CancellationToken);
        RunStartOutcome start = await runner.StartAsync(preparation.Plan!, TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                "GET /apis/apps/v1/namespaces/payments/deployments/checkout-api",
                "PATCH /apis/apps/v1/namespaces/payments/deployments/checkout-api?fieldManager=chatops-incidents (application/strategic-merge-patch+json) "
                    + """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-03-02T09:15:00Z"}}}}}""",
            ],
            preparation.Plan!.Steps[0].Requests.Select(r => r.ToString()));
        Assert.Equal("A dry run does not start.", start.Refusal);
        Assert.Empty(K8s.Requests);
    }

    [Fact]
    public async Task A_dry_run_of_a_scale_shows_the_autoscaler_check_and_what_an_autoscaler_would_mean()
    {
        await using AsyncServiceScope scope = Harness.Services.CreateAsyncScope();
        RunbookRunner runner = scope.ServiceProvider.GetRequiredService<RunbookRunner>();

        RunPreparation preparation = await runner.PrepareAsync(
            Request("scale-out") with { DryRun = true, Given = new Dictionary<string, string> { ["replicas"] = "4" } }, TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                "GET /apis/apps/v1/namespaces/payments/deployments/checkout-api/scale",
                "GET /apis/autoscaling/v2/namespaces/payments/horizontalpodautoscalers?watch=false",
                "PATCH /apis/apps/v1/namespaces/payments/deployments/checkout-api/scale?fieldManager=chatops-incidents (application/merge-patch+json) {\"spec\":{\"replicas\":4}}",
            ],
            preparation.Plan!.Steps[0].Requests.Select(r => r.ToString()));
        Assert.Equal("if a HorizontalPodAutoscaler manages the deployment (it would undo the scale), nothing is changed and the step says so", preparation.Plan.Steps[0].LaterRequests);
        Assert.Empty(K8s.Requests);
    }

    private static RunRequest Request(string runbook) => new(runbook, s_dana, null) { Labels = s_labels };
}
