namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>Where a deployment's rollout is, by kubectl's own algorithm (rollout_status.go).</summary>
public sealed record RolloutStatus(RolloutState State, string Message)
{
    public static RolloutStatus Of(Deployment deployment)
    {
        DeploymentStatus status = deployment.Status ?? new DeploymentStatus();
        if (deployment.Metadata.Generation > status.ObservedGeneration)
        {
            return new(RolloutState.Waiting, "waiting for the deployment spec update to be observed");
        }
        if (status.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" })
        {
            return new(RolloutState.Failed, $"deployment {deployment.Metadata.Name} exceeded its progress deadline");
        }
        if (deployment.Spec.Replicas is { } wanted && status.UpdatedReplicas < wanted)
        {
            return new(RolloutState.Waiting, $"{status.UpdatedReplicas} out of {wanted} new replicas updated");
        }
        if (status.Replicas > status.UpdatedReplicas)
        {
            return new(RolloutState.Waiting, $"{status.Replicas - status.UpdatedReplicas} old replicas pending termination");
        }
        if (status.AvailableReplicas < status.UpdatedReplicas)
        {
            return new(RolloutState.Waiting, $"{status.AvailableReplicas} of {status.UpdatedReplicas} updated replicas available");
        }
        return new(RolloutState.Done, $"deployment {deployment.Metadata.Name} successfully rolled out");
    }
}
