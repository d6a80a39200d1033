namespace ChatOpsIncidents.Runbooks.Kubernetes;

public sealed record ContainerStatus(string Name)
{
    public bool Ready { get; init; }

    public int RestartCount { get; init; }

    public ContainerState? State { get; init; }

    /// <summary>The previous instance's end, present after a restart: what <c>previous=true</c> logs belong to.</summary>
    public ContainerState? LastState { get; init; }
}
