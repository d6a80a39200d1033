using System.Globalization;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;
using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>
/// <c>kubernetes.scale</c>: sets the replicas through the scale subresource, within the step's bounds. A HorizontalPodAutoscaler
/// on the deployment would undo that within seconds, so the step looks for one first: then it changes nothing and says so,
/// or, when the step says <c>raise_autoscaler_min</c>, raises the autoscaler's minimum instead.
/// </summary>
public sealed record ScaleStep(RunbookStep Step, DeploymentRef Deployment, int Replicas) : KubernetesStep(Step, Deployment)
{
    public override string Description => $"scale deployment {Deployment} to {Replicas} replicas";

    public override IReadOnlyList<KubernetesRequest> Requests =>
    [
        KubernetesRequests.GetScale(Deployment),
        KubernetesRequests.ListAutoscalers(Deployment.Namespace),
        KubernetesRequests.ScaleDeployment(Deployment, Replicas),
    ];

    public override string LaterRequests => Step.RaiseAutoscalerMin
        ? $"if a HorizontalPodAutoscaler manages the deployment (it would undo the scale), its minReplicas is raised to {Replicas} instead (PATCH …/horizontalpodautoscalers/NAME)"
        : "if a HorizontalPodAutoscaler manages the deployment (it would undo the scale), nothing is changed and the step says so";

    internal static ScaleStep Plan(RunbookStep step, StepPlanning planning)
    {
        DeploymentRef deployment = planning.Deployment(step);
        string? text = planning.Render(step.Replicas ?? "");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int replicas) || replicas < step.Min || replicas > step.Max)
        {
            throw new PlanRefusal($"replicas must be a whole number from {step.Min} to {step.Max}, was “{text}”.");
        }
        return new ScaleStep(step, deployment, replicas);
    }

    private protected override async Task<StepResult> RunAsync(IKubernetesClient kubernetes, StepContext context, CancellationToken cancellationToken)
    {
        V1Scale before = await kubernetes.GetScaleAsync(Deployment, cancellationToken);
        if (await kubernetes.FindAutoscalerAsync(Deployment, cancellationToken) is { } autoscaler)
        {
            return await AutoscaledAsync(kubernetes, autoscaler, cancellationToken);
        }
        V1Scale after = await kubernetes.ScaleDeploymentAsync(Deployment, Replicas, cancellationToken);
        return StepResult.Done($"scaled deployment {Deployment} from {before.Spec?.Replicas ?? 0} to {after.Spec?.Replicas ?? 0} replicas");
    }

    private async Task<StepResult> AutoscaledAsync(IKubernetesClient kubernetes, V2HorizontalPodAutoscaler autoscaler, CancellationToken cancellationToken)
    {
        string name = autoscaler.Metadata.Name;
        int min = autoscaler.Spec.MinReplicas ?? 1;
        int max = autoscaler.Spec.MaxReplicas;
        string managed = $"deployment {Deployment} is managed by HorizontalPodAutoscaler {name} (min {min}, max {max}), which would undo a scale to {Replicas} within seconds";
        if (!Step.RaiseAutoscalerMin)
        {
            return StepResult.Failed($"{managed}; nothing was changed. Change the autoscaler, or use a scale step with raise_autoscaler_min: true.");
        }
        if (Replicas > max)
        {
            return StepResult.Failed($"{managed}, and its maximum is below {Replicas}; nothing was changed.");
        }
        if (Replicas <= min)
        {
            return StepResult.Done($"{managed}; its minimum of {min} already keeps at least {Replicas} replicas, so nothing was changed.");
        }
        await kubernetes.RaiseAutoscalerMinimumAsync(Deployment.Namespace, name, Replicas, cancellationToken);
        return StepResult.Done($"{managed}: raised its minReplicas from {min} to {Replicas} instead of scaling");
    }
}
