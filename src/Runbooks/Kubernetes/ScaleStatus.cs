namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>Observed replicas and the pods' selector, already in <c>labelSelector</c> syntax.</summary>
public sealed record ScaleStatus(int Replicas)
{
    public string? Selector { get; init; }
}
