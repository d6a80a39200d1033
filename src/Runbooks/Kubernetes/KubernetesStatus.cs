namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>The <c>Status</c> object the API server answers errors with.</summary>
public sealed record KubernetesStatus
{
    public string? Kind { get; init; }

    public string? Status { get; init; }

    public string? Message { get; init; }

    public string? Reason { get; init; }

    public int Code { get; init; }
}
