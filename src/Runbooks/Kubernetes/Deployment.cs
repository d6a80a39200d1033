namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>An <c>apps/v1</c> Deployment, reduced to what restarts, rollouts and diagnostics read.</summary>
public sealed record Deployment(ObjectMeta Metadata, DeploymentSpec Spec)
{
    public DeploymentStatus? Status { get; init; }
}
