using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>Where a deployment's rollout is, by kubectl's own algorithm (<c>kubectl rollout status</c>).</summary>
public sealed record RolloutStatus(RolloutState State, string Message)
{
    public static RolloutStatus Of(V1Deployment deployment)
    {
        V1DeploymentStatus status = deployment.Status ?? new V1DeploymentStatus();
        string name = deployment.Metadata.Name;
        if ((deployment.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return new(RolloutState.Waiting, "waiting for the deployment spec update to be observed");
        }
        if (status.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" })
        {
            return new(RolloutState.Failed, $"deployment {name} exceeded its progress deadline");
        }
        int updated = status.UpdatedReplicas ?? 0;
        if (deployment.Spec.Replicas is { } wanted && updated < wanted)
        {
            return new(RolloutState.Waiting, $"{updated} out of {wanted} new replicas updated");
        }
        if ((status.Replicas ?? 0) > updated)
        {
            return new(RolloutState.Waiting, $"{status.Replicas - updated} old replicas pending termination");
        }
        if ((status.AvailableReplicas ?? 0) < updated)
        {
            return new(RolloutState.Waiting, $"{status.AvailableReplicas ?? 0} of {updated} updated replicas available");
        }
        return new(RolloutState.Done, $"deployment {name} successfully rolled out");
    }
}
