namespace ChatOpsIncidents.Runbooks.Kubernetes;

public sealed record PodStatus
{
    public string? Phase { get; init; }

    public List<ContainerStatus>? ContainerStatuses { get; init; }
}
