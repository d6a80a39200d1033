using System.Globalization;
using System.Text;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// Does one planned step against Kubernetes (or HTTP, or the clock) and says how it went. Kubernetes errors come back as a
/// failed step with the client's message; waits call <c>beat</c> so the run shows it is alive.
/// </summary>
internal sealed class StepRunner(IKubernetesClient? kubernetes, HttpClient http, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);
    private const int LogBytes = 64 * 1024;

    public async Task<StepResult> RunAsync(PlannedStep planned, Func<Task> beat, CancellationToken cancellationToken)
    {
        RunbookStep step = planned.Step;
        if (step.UsesKubernetes && kubernetes is null)
        {
            return StepResult.Failed(KubernetesAccess.NotConfigured);
        }
        try
        {
            return step.Kind switch
            {
                StepKind.KubernetesRestart => await RestartAsync(planned, cancellationToken),
                StepKind.KubernetesScale => await ScaleAsync(planned, cancellationToken),
                StepKind.KubernetesWaitRollout => await WaitForRolloutAsync(planned, beat, cancellationToken),
                StepKind.KubernetesDiagnostics => await DiagnoseAsync(planned, cancellationToken),
                StepKind.Wait => await WaitAsync(step.Duration, beat, cancellationToken),
                _ => await CheckAsync(planned, cancellationToken),
            };
        }
        catch (KubernetesException exception)
        {
            return StepResult.Failed(exception.Message);
        }
    }

    private async Task<StepResult> RestartAsync(PlannedStep planned, CancellationToken cancellationToken)
    {
        Deployment restarted = await kubernetes!.RestartDeploymentAsync(planned.Namespace!, planned.Deployment!, time.GetUtcNow(), cancellationToken);
        string? at = restarted.Spec.Template?.Metadata?.Annotations?.GetValueOrDefault(RestartPatch.Annotation);
        return StepResult.Done($"restarted deployment {planned.Namespace}/{planned.Deployment} (restartedAt {at})");
    }

    private async Task<StepResult> ScaleAsync(PlannedStep planned, CancellationToken cancellationToken)
    {
        Scale before = await kubernetes!.GetScaleAsync(planned.Namespace!, planned.Deployment!, cancellationToken);
        Scale after = await kubernetes.ScaleDeploymentAsync(planned.Namespace!, planned.Deployment!, planned.Replicas!.Value, cancellationToken);
        return StepResult.Done($"scaled deployment {planned.Namespace}/{planned.Deployment} from {before.Spec?.Replicas ?? 0} to {after.Spec?.Replicas ?? 0} replicas");
    }

    private async Task<StepResult> WaitForRolloutAsync(PlannedStep planned, Func<Task> beat, CancellationToken cancellationToken)
    {
        DateTimeOffset started = time.GetUtcNow();
        TimeSpan? limit = planned.Step.Timeout;
        while (true)
        {
            Deployment deployment = await kubernetes!.GetDeploymentAsync(planned.Namespace!, planned.Deployment!, cancellationToken);
            RolloutStatus status = RolloutStatus.Of(deployment);
            if (status.State == RolloutState.Done)
            {
                return StepResult.Done(status.Message);
            }
            if (status.State == RolloutState.Failed)
            {
                return StepResult.Failed(status.Message);
            }
            limit ??= TimeSpan.FromSeconds(deployment.Spec.ProgressDeadlineSeconds ?? 600) + TimeSpan.FromMinutes(1);
            if (time.GetUtcNow() - started >= limit)
            {
                return StepResult.Failed($"the rollout did not finish within {limit}: {status.Message}");
            }
            await beat();
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task<StepResult> DiagnoseAsync(PlannedStep planned, CancellationToken cancellationToken)
    {
        string ns = planned.Namespace!;
        Deployment deployment = await kubernetes!.GetDeploymentAsync(ns, planned.Deployment!, cancellationToken);
        var report = new StringBuilder();
        DeploymentStatus status = deployment.Status ?? new DeploymentStatus();
        report.Append(CultureInfo.InvariantCulture,
            $"Deployment {ns}/{planned.Deployment}: {deployment.Spec.Replicas ?? 1} wanted, {status.ReadyReplicas} ready, {status.AvailableReplicas} available, {status.UpdatedReplicas} up to date\n");
        foreach (DeploymentCondition condition in status.Conditions ?? [])
        {
            report.Append(CultureInfo.InvariantCulture, $"  {condition.Type}={condition.Status} {condition.Reason}: {condition.Message}\n");
        }
        AppendEvents(report, await kubernetes.ListEventsAsync(ns, "Deployment", planned.Deployment!, cancellationToken));
        IReadOnlyList<Pod> pods = deployment.Spec.Selector is { } selector
            ? await kubernetes.ListPodsAsync(ns, selector.ToQuery(), cancellationToken)
            : [];
        List<string> unhealthy = [];
        foreach (Pod pod in pods)
        {
            string name = pod.Metadata.Name ?? "?";
            report.Append(CultureInfo.InvariantCulture, $"\nPod {name}: {pod.Status?.Phase}\n");
            foreach (ContainerStatus container in pod.Status?.ContainerStatuses ?? [])
            {
                report.Append(CultureInfo.InvariantCulture,
                    $"  container {container.Name}: {(container.Ready ? "ready" : "not ready")}, {container.RestartCount} restarts, {container.State?.Describe() ?? "unknown"}");
                if (container.LastState?.Terminated is { } last)
                {
                    report.Append(CultureInfo.InvariantCulture, $", last ended: {last.Describe()}");
                }
                report.Append('\n');
                if (container.Ready && container.RestartCount == 0)
                {
                    continue;
                }
                unhealthy.Add($"{name}/{container.Name} ({container.State?.Waiting?.Reason ?? (container.Ready ? "restarted" : "not ready")}, {container.RestartCount} restarts)");
                bool previous = container.LastState?.Terminated is not null;
                string logs = await kubernetes.GetPodLogsAsync(ns, name, new PodLogOptions(container.Name, previous, planned.Step.TailLines, LogBytes), cancellationToken);
                report.Append(CultureInfo.InvariantCulture, $"  --- last {planned.Step.TailLines} log lines of {(previous ? "the previous" : "the current")} {container.Name} ---\n{logs.TrimEnd()}\n  ---\n");
            }
            if (pod.Status?.ContainerStatuses?.Any(c => !c.Ready || c.RestartCount > 0) == true)
            {
                AppendEvents(report, await kubernetes.ListEventsAsync(ns, "Pod", name, cancellationToken));
            }
        }
        string summary = unhealthy.Count == 0
            ? $"{pods.Count} pods, all ready without restarts"
            : $"{pods.Count} pods, {unhealthy.Count} unhealthy: {string.Join("; ", unhealthy.Take(3))}{(unhealthy.Count > 3 ? "; …" : "")}";
        return StepResult.Done(summary, report.ToString());
    }

    private static void AppendEvents(StringBuilder report, IReadOnlyList<KubernetesEvent> events)
    {
        foreach (KubernetesEvent e in events.OrderBy(e => e.SortTime))
        {
            report.Append(CultureInfo.InvariantCulture, $"  event {e.SortTime:u} {e.Type} {e.Reason} (x{Math.Max(e.Count, 1)}): {e.Message}\n");
        }
    }

    private async Task<StepResult> WaitAsync(TimeSpan duration, Func<Task> beat, CancellationToken cancellationToken)
    {
        DateTimeOffset until = time.GetUtcNow() + duration;
        for (TimeSpan left = duration; left > TimeSpan.Zero; left = until - time.GetUtcNow())
        {
            await beat();
            await Task.Delay(left < RunbookRunner.HeartbeatInterval ? left : RunbookRunner.HeartbeatInterval, time, cancellationToken);
        }
        return StepResult.Done($"waited {duration}");
    }

    private async Task<StepResult> CheckAsync(PlannedStep planned, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await http.GetAsync(planned.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            int code = (int)response.StatusCode;
            return code == planned.Step.ExpectStatus
                ? StepResult.Done($"GET {planned.Url} answered {code}")
                : StepResult.Failed($"GET {planned.Url} answered {code}, expected {planned.Step.ExpectStatus}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return StepResult.Failed($"GET {planned.Url} failed: {exception.Message}");
        }
    }
}
