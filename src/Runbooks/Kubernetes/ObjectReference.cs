namespace ChatOpsIncidents.Runbooks.Kubernetes;

public sealed record ObjectReference
{
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }
}
