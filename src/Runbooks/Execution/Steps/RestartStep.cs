using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;
using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary><c>kubernetes.restart</c>: what <c>kubectl rollout restart</c> does. A dry run shows the patch stamped with the time it was planned.</summary>
public sealed record RestartStep(RunbookStep Step, DeploymentRef Deployment, DateTimeOffset PlannedAt) : KubernetesStep(Step, Deployment)
{
    public override string Description => $"restart deployment {Deployment}";

    public override IReadOnlyList<KubernetesRequest> Requests =>
        [KubernetesRequests.GetDeployment(Deployment), KubernetesRequests.RestartDeployment(Deployment, PlannedAt)];

    private protected override async Task<StepResult> RunAsync(IKubernetesClient kubernetes, StepContext context, CancellationToken cancellationToken)
    {
        V1Deployment restarted = await kubernetes.RestartDeploymentAsync(Deployment, context.Time.GetUtcNow(), cancellationToken);
        string? at = restarted.Spec.Template?.Metadata?.Annotations is { } annotations && annotations.TryGetValue(KubernetesRequests.RestartedAt, out string? stamp)
            ? stamp
            : null;
        return StepResult.Done($"restarted deployment {Deployment} (restartedAt {at})");
    }
}
