using System.Globalization;
using System.Text;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;
using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>
/// <c>kubernetes.diagnostics</c>: the deployment's status, conditions and events; its current ReplicaSets and their events
/// (where quota and admission refusals show, as <c>FailedCreate</c>); its pods, and for each unhealthy one its containers'
/// logs (the previous instance's after a restart) and its events. The summary names the unhealthy containers; the whole
/// report is attached.
/// </summary>
public sealed record DiagnosticsStep(RunbookStep Step, DeploymentRef Deployment) : KubernetesStep(Step, Deployment)
{
    private const int LogBytes = 64 * 1024;

    public override string Description => $"gather diagnostics of deployment {Deployment}";

    public override IReadOnlyList<KubernetesRequest> Requests =>
        [KubernetesRequests.GetDeployment(Deployment), KubernetesRequests.ListEvents(Deployment.Namespace, "Deployment", Deployment.Name)];

    public override string LaterRequests =>
        "then GET its ReplicaSets and pods by the deployment's selector, the events of its current ReplicaSets and unhealthy pods, and the logs of unhealthy containers";

    private protected override async Task<StepResult> RunAsync(IKubernetesClient kubernetes, StepContext context, CancellationToken cancellationToken)
    {
        string ns = Deployment.Namespace;
        V1Deployment deployment = await kubernetes.GetDeploymentAsync(Deployment, cancellationToken);
        var report = new StringBuilder();
        V1DeploymentStatus status = deployment.Status ?? new V1DeploymentStatus();
        report.Append(CultureInfo.InvariantCulture,
            $"Deployment {Deployment}: {deployment.Spec.Replicas ?? 1} wanted, {status.ReadyReplicas ?? 0} ready, {status.AvailableReplicas ?? 0} available, {status.UpdatedReplicas ?? 0} up to date\n");
        foreach (V1DeploymentCondition condition in status.Conditions ?? [])
        {
            report.Append(CultureInfo.InvariantCulture, $"  {condition.Type}={condition.Status} {condition.Reason}: {condition.Message}\n");
        }
        EventsStep.Append(report, await kubernetes.ListEventsAsync(ns, "Deployment", Deployment.Name, cancellationToken));
        if (deployment.Spec.Selector is not { } selector)
        {
            return StepResult.Done("the deployment has no selector, so no pods", report.ToString());
        }
        string labels = LabelSelector.ToQuery(selector);
        foreach (V1ReplicaSet replicaSet in Current(deployment, await kubernetes.ListReplicaSetsAsync(ns, labels, cancellationToken)))
        {
            report.Append(CultureInfo.InvariantCulture,
                $"\nReplicaSet {replicaSet.Metadata.Name}: {replicaSet.Spec.Replicas ?? 0} wanted, {replicaSet.Status?.ReadyReplicas ?? 0} ready\n");
            EventsStep.Append(report, await kubernetes.ListEventsAsync(ns, "ReplicaSet", replicaSet.Metadata.Name, cancellationToken));
        }
        IList<V1Pod> pods = await kubernetes.ListPodsAsync(ns, labels, cancellationToken);
        List<string> unhealthy = [];
        foreach (V1Pod pod in pods)
        {
            unhealthy.AddRange(await DescribePodAsync(kubernetes, pod, report, cancellationToken));
        }
        string summary = unhealthy.Count == 0
            ? $"{pods.Count} pods, all ready without restarts"
            : $"{pods.Count} pods, {unhealthy.Count} unhealthy: {string.Join("; ", unhealthy.Take(3))}{(unhealthy.Count > 3 ? "; …" : "")}";
        return StepResult.Done(summary, report.ToString());
    }

    /// <summary>The ReplicaSets this deployment controls that matter now: its newest revision and any still running pods.</summary>
    private static IEnumerable<V1ReplicaSet> Current(V1Deployment deployment, IList<V1ReplicaSet> replicaSets)
    {
        string? revision = RevisionOf(deployment.Metadata);
        return replicaSets.Where(r => r.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == deployment.Metadata.Uid) == true
            && ((r.Spec.Replicas ?? 0) > 0 || (revision is not null && RevisionOf(r.Metadata) == revision)));
    }

    private static string? RevisionOf(V1ObjectMeta metadata) =>
        metadata.Annotations is { } annotations && annotations.TryGetValue("deployment.kubernetes.io/revision", out string? revision) ? revision : null;

    /// <summary>Writes the pod into the report, with logs and events when it is unhealthy; returns its unhealthy containers.</summary>
    private async Task<List<string>> DescribePodAsync(IKubernetesClient kubernetes, V1Pod pod, StringBuilder report, CancellationToken cancellationToken)
    {
        string name = pod.Metadata.Name;
        report.Append(CultureInfo.InvariantCulture, $"\nPod {name}: {pod.Status?.Phase}\n");
        List<string> unhealthy = [];
        foreach (V1ContainerStatus container in pod.Status?.ContainerStatuses ?? [])
        {
            report.Append(CultureInfo.InvariantCulture,
                $"  container {container.Name}: {(container.Ready ? "ready" : "not ready")}, {container.RestartCount} restarts, {Describe(container.State)}");
            if (container.LastState?.Terminated is { } last)
            {
                report.Append(CultureInfo.InvariantCulture, $", last ended: {Describe(last)}");
            }
            report.Append('\n');
            if (container.Ready && container.RestartCount == 0)
            {
                continue;
            }
            unhealthy.Add($"{name}/{container.Name} ({container.State?.Waiting?.Reason ?? (container.Ready ? "restarted" : "not ready")}, {container.RestartCount} restarts)");
            bool previous = container.LastState?.Terminated is not null;
            string logs = await kubernetes.GetPodLogsAsync(Deployment.Namespace, name, container.Name, previous, Step.TailLines, LogBytes, cancellationToken);
            report.Append(CultureInfo.InvariantCulture, $"  --- last {Step.TailLines} log lines of {(previous ? "the previous" : "the current")} {container.Name} ---\n{logs.TrimEnd()}\n  ---\n");
        }
        bool pending = pod.Status?.Phase is not ("Running" or "Succeeded");
        if (unhealthy.Count > 0 || pending)
        {
            EventsStep.Append(report, await kubernetes.ListEventsAsync(Deployment.Namespace, "Pod", name, cancellationToken));
        }
        if (pending && unhealthy.Count == 0)
        {
            unhealthy.Add($"{name} ({pod.Status?.Phase ?? "no status"})");
        }
        return unhealthy;
    }

    private static string Describe(V1ContainerState? state) => state?.Waiting is { } waiting ? $"waiting ({Join(waiting.Reason, null, waiting.Message)})"
        : state?.Terminated is { } terminated ? $"terminated ({Describe(terminated)})"
        : state?.Running is not null ? "running"
        : "unknown";

    private static string Describe(V1ContainerStateTerminated terminated) => Join(terminated.Reason, $"exit code {terminated.ExitCode}", terminated.Message);

    private static string Join(params string?[] parts) => string.Join(", ", parts.Where(part => !string.IsNullOrEmpty(part)));
}
