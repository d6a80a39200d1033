namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>The pod template's metadata: where the restart annotation lives.</summary>
public sealed record PodTemplate
{
    public ObjectMeta? Metadata { get; init; }
}
