namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>A core/v1 Event. Events written through events.k8s.io have no <see cref="LastTimestamp"/> but an <see cref="EventTime"/>.</summary>
public sealed record KubernetesEvent(ObjectMeta Metadata)
{
    public ObjectReference? InvolvedObject { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }

    public string? Type { get; init; }

    public int Count { get; init; }

    public DateTimeOffset? LastTimestamp { get; init; }

    public DateTimeOffset? EventTime { get; init; }

    public DateTimeOffset? SortTime => LastTimestamp ?? EventTime ?? Metadata.CreationTimestamp;
}
