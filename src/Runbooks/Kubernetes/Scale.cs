namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>An <c>autoscaling/v1</c> Scale: the <c>scale</c> subresource of a Deployment.</summary>
public sealed record Scale(ObjectMeta Metadata)
{
    public ScaleSpec? Spec { get; init; }

    public ScaleStatus? Status { get; init; }
}
