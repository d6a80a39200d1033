using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.TestSupport.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Runbooks.Tests.Execution;

public sealed class RunbookRunnerTests : CheckoutApiRunbookTests
{
    private static readonly Actor s_dana = Actor.SlackUser("U0ONCALL1", "dana");
    private static readonly Dictionary<string, string> s_labels = new() { ["namespace"] = "payments", ["deployment"] = "checkout-api" };

    [Fact]
    public async Task A_confirmed_restart_patches_waits_for_the_rollout_and_puts_every_step_on_the_timeline_as_who_ran_it()
    {
        IncidentKey key = await Harness.DeclareAsync();
        var observer = new RecordingObserver();
        (RunbookRun? run, RunPlan? plan, _) = await Harness.StartAsync(new RunRequest("restart-deployment", s_dana, key) { Labels = s_labels, Confirmed = true });

        RunbookRun done = await Harness.ExecuteAsync(run!, plan!, observer);

        Assert.Equal((RunStatus.Succeeded, null), (done.Status, done.ActiveTarget));
        Assert.Equal([RunStepStatus.Done, RunStepStatus.Done], done.Steps.Select(s => s.Status));
        Assert.Equal(["GET", "PATCH", "GET"], K8s.Requests.Select(r => r.Method));
        Assert.Equal("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-03-02T09:15:00Z"}}}}}""", K8s.Requests[1].Body);
        Incident incident = await Harness.IncidentAsync(key);
        Assert.Equal(
            [
                (TimelineEntryKind.RunbookStarted, "Started runbook restart-deployment on deployment payments/checkout-api (namespace=payments, deployment=checkout-api)"),
                (TimelineEntryKind.RunbookStep, $"Run {done.Id} step 1/2 “Restart”: done: restarted deployment payments/checkout-api (restartedAt 2026-03-02T09:15:00Z)"),
                (TimelineEntryKind.RunbookStep, $"Run {done.Id} step 2/2 “Wait for the rollout”: done: deployment checkout-api successfully rolled out"),
                (TimelineEntryKind.RunbookFinished, $"Run {done.Id} of runbook restart-deployment succeeded"),
            ],
            incident.Timeline.Skip(1).Select(e => (e.Kind, e.Text)));
        Assert.All(incident.Timeline.Skip(1), entry => Assert.Equal((ActorKind.SlackUser, "U0ONCALL1"), (entry.ActorKind, entry.ActorId)));
        Assert.Equal(RunStatus.Succeeded, observer.States[^1].Status);
    }

    [Fact]
    public async Task A_stuck_rollout_fails_the_run_with_the_reason_and_frees_the_deployment()
    {
        K8s.Cluster.RolloutsComplete = false;
        (RunbookRun? run, RunPlan? plan, _) = await Harness.StartAsync(new RunRequest("restart-deployment", s_dana, null) { Labels = s_labels, Confirmed = true });

        RunbookRun failed = await Harness.ExecuteAsync(run!, plan!, new RecordingObserver());
        (RunbookRun? next, _, _) = await Harness.StartAsync(new RunRequest("restart-deployment", s_dana, null) { Labels = s_labels, Confirmed = true });

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal("step 2 “Wait for the rollout” failed: deployment checkout-api exceeded its progress deadline", failed.Outcome);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task A_forbidden_restart_fails_the_step_saying_what_the_service_account_may_not_do()
    {
        K8s.Forbid("patch", "deployments");
        (RunbookRun? run, RunPlan? plan, _) = await Harness.StartAsync(new RunRequest("restart-deployment", s_dana, null) { Labels = s_labels, Confirmed = true });

        RunbookRun failed = await Harness.ExecuteAsync(run!, plan!, new RecordingObserver());

        Assert.Equal([RunStepStatus.Failed, RunStepStatus.Skipped], failed.Steps.Select(s => s.Status));
        Assert.StartsWith("the bot's service account may not patch deployments in namespace payments", failed.Steps[0].Detail);
    }

    [Fact]
    public async Task Diagnostics_attach_the_previous_logs_and_warning_events_of_a_crash_looping_container()
    {
        K8s.Cluster.CrashLoop("payments", "checkout-api-7c9d8f6b5-pod1", "panic: connection refused to postgres:5432\n");
        var observer = new RecordingObserver();
        (RunbookRun? run, RunPlan? plan, _) = await Harness.StartAsync(new RunRequest("auto-diagnostics", Actor.Runbook("auto-diagnostics"), null)
        {
            Labels = s_labels,
            Automatic = true,
            TriggerEntryId = 7,
        });

        RunbookRun done = await Harness.ExecuteAsync(run!, plan!, observer);

        Assert.Equal("2 pods, 1 unhealthy: checkout-api-7c9d8f6b5-pod1/checkout-api (CrashLoopBackOff, 7 restarts)", done.Steps[0].Detail);
        (string step, string output) = Assert.Single(observer.Attachments);
        Assert.Contains("panic: connection refused to postgres:5432", output);
        Assert.Contains("Warning BackOff (x27)", output);
        Assert.Contains(K8s.Requests, r => r.PathAndQuery == "/api/v1/namespaces/payments/pods/checkout-api-7c9d8f6b5-pod1/log?container=checkout-api&limitBytes=65536&previous=true&tailLines=100");
    }

    [Fact]
    public async Task A_rollout_still_going_is_watched_until_it_is_done()
    {
        K8s.Cluster.RolloutsWait = true;
        (RunbookRun? run, RunPlan? plan, _) = await Harness.StartAsync(new RunRequest("restart-deployment", s_dana, null) { Labels = s_labels, Confirmed = true });

        Task<RunbookRun> execution = Harness.ExecuteAsync(run!, plan!, new RecordingObserver());
        await K8s.WhenWatchedAsync(TestContext.Current.CancellationToken);
        K8s.Cluster.FinishRollouts();
        RunbookRun done = await execution;

        Assert.Equal("deployment checkout-api successfully rolled out", done.Steps[1].Detail);
        Assert.Equal(["GET", "PATCH", "GET", "GET"], K8s.Requests.Select(r => r.Method));
        Assert.Equal(("metadata.name=checkout-api", "true"), (K8s.Requests[3].Query["fieldSelector"], K8s.Requests[3].Query["watch"]));
    }

    [Fact]
    public async Task Scaling_a_deployment_an_autoscaler_manages_changes_nothing_and_says_so()
    {
        RunbookRun failed = await ScaleToFourUnderAnAutoscalerAsync("scale-out");

        Assert.Equal(
            "deployment payments/checkout-api is managed by HorizontalPodAutoscaler checkout-api-hpa (min 2, max 10), which would undo a scale to 4 within seconds; "
                + "nothing was changed. Change the autoscaler, or use a scale step with raise_autoscaler_min: true.",
            failed.Steps[0].Detail);
        Assert.DoesNotContain(K8s.Requests, r => r.Method == "PATCH");
        Assert.Equal(3, K8s.Cluster.Deployment("payments", "checkout-api")!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_scale_step_that_says_so_raises_the_autoscalers_minimum_instead()
    {
        RunbookRun done = await ScaleToFourUnderAnAutoscalerAsync("scale-or-raise-autoscaler");

        Assert.EndsWith("raised its minReplicas from 2 to 4 instead of scaling", done.Steps[0].Detail);
        RecordedKubernetesRequest patch = Assert.Single(K8s.Requests, r => r.Method == "PATCH");
        Assert.Equal(("/apis/autoscaling/v2/namespaces/payments/horizontalpodautoscalers/checkout-api-hpa", "application/merge-patch+json", """{"spec":{"minReplicas":4}}"""),
            (patch.Path, patch.MediaType, patch.Body));
        Assert.Equal(4, K8s.Cluster.Autoscaler("payments", "checkout-api-hpa")!["spec"]!["minReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Diagnostics_gather_the_events_of_the_deployment_its_current_replica_set_and_its_unhealthy_pods()
    {
        K8s.Cluster.AddEvent("payments", "Deployment", "checkout-api", "Normal", "ScalingReplicaSet", "Scaled up replica set checkout-api-7c9d8f6b5 to 3");
        K8s.Cluster.AddEvent("payments", "ReplicaSet", "checkout-api-7c9d8f6b5", "Warning", "FailedCreate",
            "Error creating: pods \"checkout-api-7c9d8f6b5-x\" is forbidden: exceeded quota: compute, requested: cpu=250m");
        K8s.Cluster.CrashLoop("payments", "checkout-api-7c9d8f6b5-pod1", "panic\n");
        var observer = new RecordingObserver();
        (RunbookRun? run, RunPlan? plan, _) = await Harness.StartAsync(new RunRequest("diagnostics", s_dana, null) { Labels = s_labels });

        await Harness.ExecuteAsync(run!, plan!, observer);

        string output = Assert.Single(observer.Attachments).Output;
        Assert.Contains("Normal ScalingReplicaSet (x1): Scaled up replica set checkout-api-7c9d8f6b5 to 3", output);
        Assert.Contains("ReplicaSet checkout-api-7c9d8f6b5: 3 wanted, 2 ready\n  event 2026-03-02 09:20:02Z Warning FailedCreate (x1): Error creating", output);
        Assert.Contains("Warning BackOff (x27)", output);
        Assert.Equal(
            ["involvedObject.kind=Deployment,involvedObject.name=checkout-api", "involvedObject.kind=ReplicaSet,involvedObject.name=checkout-api-7c9d8f6b5",
                "involvedObject.kind=Pod,involvedObject.name=checkout-api-7c9d8f6b5-pod1"],
            K8s.Requests.Where(r => r.Path.EndsWith("/events", StringComparison.Ordinal)).Select(r => r.Query["fieldSelector"]));
    }

    [Fact]
    public async Task The_shipped_daemonset_runbook_reads_only_the_events_of_the_daemonset_its_alert_names()
    {
        K8s.Cluster.AddEvent("payments", "DaemonSet", "log-agent", "Normal", "SuccessfulCreate", "Created pod: log-agent-x2kqz");
        K8s.Cluster.AddEvent("payments", "DaemonSet", "log-agent", "Warning", "FailedCreate", "Error creating: pods \"log-agent-b7t4p\" is forbidden: exceeded quota: compute");
        K8s.Cluster.AddEvent("payments", "DaemonSet", "metrics-agent", "Warning", "FailedCreate", "another DaemonSet's trouble");
        var observer = new RecordingObserver();
        var labels = new Dictionary<string, string> { ["alertname"] = "KubeDaemonSetRolloutStuck", ["namespace"] = "payments", ["daemonset"] = "log-agent" };
        (RunbookRun? run, RunPlan? plan, _) = await Harness.StartAsync(new RunRequest("daemonset-rollout", s_dana, null) { Labels = labels });

        RunbookRun done = await Harness.ExecuteAsync(run!, plan!, observer);

        Assert.Equal((RunStatus.Succeeded, "2 events about DaemonSet log-agent, warnings: FailedCreate"), (done.Status, done.Steps[0].Detail));
        RecordedKubernetesRequest request = Assert.Single(K8s.Requests);
        Assert.Equal(("GET", "/api/v1/namespaces/payments/events?fieldSelector=involvedObject.kind%3DDaemonSet%2CinvolvedObject.name%3Dlog-agent&watch=false"),
            (request.Method, request.PathAndQuery));
        string output = Assert.Single(observer.Attachments).Output;
        Assert.Contains("Warning FailedCreate (x1): Error creating: pods \"log-agent-b7t4p\" is forbidden", output);
        Assert.DoesNotContain("another DaemonSet", output);
    }

    [Fact]
    public async Task A_node_runbook_is_refused_before_it_runs_while_the_namespace_of_node_events_is_not_allowed()
    {
        (RunbookRun? run, _, string? refusal) = await Harness.StartAsync(new RunRequest("node-not-ready", s_dana, null)
        {
            Labels = new Dictionary<string, string> { ["alertname"] = "KubeNodeNotReady", ["node"] = "worker-3" },
        });

        Assert.Null(run);
        Assert.Equal("node-not-ready, step “Read the node's events”: namespace default is not one runbooks may touch (Kubernetes:AllowedNamespaces: payments).", refusal);
        Assert.Empty(K8s.Requests);
    }

    [Fact]
    public async Task A_run_left_running_by_this_instance_is_marked_interrupted_at_start_up()
    {
        IncidentKey key = await Harness.DeclareAsync();
        (RunbookRun? run, _, _) = await Harness.StartAsync(new RunRequest("restart-deployment", s_dana, key) { Labels = s_labels, Confirmed = true });

        await using AsyncServiceScope scope = Harness.Services.CreateAsyncScope();
        IReadOnlyList<RunbookRun> interrupted = await scope.ServiceProvider.GetRequiredService<RunbookRuns>()
            .InterruptAbandonedAsync("test-replica", Harness.Time.GetUtcNow() - TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        Assert.Equal((run!.Id, RunStatus.Interrupted, null), (Assert.Single(interrupted).Id, interrupted[0].Status, interrupted[0].ActiveTarget));
        Assert.Equal($"Run {run.Id} interrupted: the bot stopped while it ran", (await Harness.IncidentAsync(key)).Timeline[^1].Text);
    }

    /// <summary>Runs <paramref name="runbook"/> with replicas=4 on checkout-api, which HorizontalPodAutoscaler checkout-api-hpa (2 to 10) manages.</summary>
    private async Task<RunbookRun> ScaleToFourUnderAnAutoscalerAsync(string runbook)
    {
        K8s.Cluster.AddAutoscaler("payments", "checkout-api-hpa", "checkout-api", min: 2, max: 10);
        (RunbookRun? run, RunPlan? plan, _) = await Harness.StartAsync(new RunRequest(runbook, s_dana, null)
        {
            Labels = s_labels,
            Confirmed = true,
            Given = new Dictionary<string, string> { ["replicas"] = "4" },
        });
        return await Harness.ExecuteAsync(run!, plan!, new RecordingObserver());
    }
}
