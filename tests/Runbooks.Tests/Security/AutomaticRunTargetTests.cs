using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.Runbooks.Tests.Execution;
using ChatOpsIncidents.TestSupport;
using ChatOpsIncidents.TestSupport.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Tests.Security;

/// <summary>
/// Issue 16, finding 1: alert labels only choose among the deployments an automatic write runbook lists in its targets, and
/// one noisy target cannot spend the hourly runs of another.
/// </summary>
public sealed class AutomaticRunTargetTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string OomRestart = """
        ---
        id: oom-restart
        title: Restart after an OOM loop
        summary: Restarts the deployment whose containers keep running out of memory.
        match:
          alertname: [ContainerOOMLoop]
        params:
          - name: namespace
            description: the namespace
            default: "{{ labels.namespace }}"
          - name: deployment
            description: the deployment
            default: "{{ labels.deployment }}"
        steps:
          - kind: kubernetes.restart
            name: Restart
        auto: true
        max_runs_per_hour: 2
        targets:
          - namespace: payments
            deployment: checkout-api
          - namespace: payments
            deployment: checkout-web
        ---
        Restart it.
        """;

    private KubernetesStandIn _k8s = null!;

    public async ValueTask InitializeAsync()
    {
        _k8s = await KubernetesStandIn.StartAsync(TestContext.Current.CancellationToken);
        foreach (string name in new[] { "checkout-api", "checkout-web", "payments-ledger-db" })
        {
            _k8s.Cluster.AddDeployment("payments", name);
        }
    }

    public async ValueTask DisposeAsync() => await _k8s.DisposeAsync();

    [Fact]
    public void An_auto_runbook_that_restarts_without_targets_is_refused_at_load_naming_the_file()
    {
        string withoutTargets = OomRestart[..OomRestart.IndexOf("targets:", StringComparison.Ordinal)] + "---\nRestart it.\n";

        var exception = Assert.Throws<RunbookLoadException>(() => RunbookLoader.Load("runbooks/oom-restart.md", withoutTargets));

        Assert.StartsWith("Runbook file runbooks/oom-restart.md: targets: an auto runbook that changes the cluster must list the deployments it may act on", exception.Message);
    }

    [Fact]
    public async Task An_alert_naming_a_deployment_outside_the_targets_restarts_nothing_and_the_refusal_is_on_the_timeline()
    {
        await using RunbookHarness harness = await RunbookHarness.StartAsync(_k8s, new() { ["oom-restart.md"] = OomRestart });
        IncidentKey incident = await harness.DeclareAsync();

        (RunbookRun? run, _, string? refusal) = await harness.StartAsync(Automatic(incident, "payments-ledger-db", triggerEntry: 1));

        Assert.Null(run);
        const string Expected = "oom-restart, step “Restart”: deployment payments/payments-ledger-db is not one of the runbook's targets (payments/checkout-api, payments/checkout-web).";
        Assert.Equal(Expected, refusal);
        Assert.Empty(_k8s.Requests);
        TimelineEntry entry = Assert.Single((await harness.IncidentAsync(incident)).Timeline, e => e.Kind == TimelineEntryKind.RunbookRefused);
        Assert.Equal($"Runbook oom-restart did not run by itself: {Expected}", entry.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_noisy_target_spends_its_own_hourly_runs_and_leaves_the_other_targets_theirs(bool onPostgres)
    {
        string? database = onPostgres ? await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken) : null;
        await using RunbookHarness harness = await RunbookHarness.StartAsync(_k8s, new() { ["oom-restart.md"] = OomRestart }, database);
        IncidentKey incident = await harness.DeclareAsync();
        for (int i = 1; i <= 2; i++)
        {
            (RunbookRun? run, RunPlan? plan, _) = await harness.StartAsync(Automatic(incident, "checkout-api", triggerEntry: i));
            await harness.ExecuteAsync(run!, plan!, new RecordingObserver());
        }

        (RunbookRun? third, _, string? refusal) = await harness.StartAsync(Automatic(incident, "checkout-api", triggerEntry: 3));
        (RunbookRun? other, _, _) = await harness.StartAsync(Automatic(incident, "checkout-web", triggerEntry: 4));

        Assert.Null(third);
        Assert.Equal("oom-restart already ran by itself 2 times in the last hour on deployment payments/checkout-api (max_runs_per_hour: 2); a person has to look.", refusal);
        Assert.Equal("deployment payments/checkout-web", other!.Target);
    }

    private static RunRequest Automatic(IncidentKey incident, string deployment, long triggerEntry) =>
        new("oom-restart", Actor.Runbook("oom-restart"), incident)
        {
            Labels = new Dictionary<string, string> { ["alertname"] = "ContainerOOMLoop", ["namespace"] = "payments", ["deployment"] = deployment },
            Automatic = true,
            TriggerEntryId = triggerEntry,
        };
}
