namespace ChatOpsIncidents.Runbooks.Kubernetes;

public sealed record Pod(ObjectMeta Metadata)
{
    public PodStatus? Status { get; init; }
}
