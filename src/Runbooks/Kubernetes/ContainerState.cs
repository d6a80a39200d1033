namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>One of waiting, running or terminated is set; running carries nothing the bot reads.</summary>
public sealed record ContainerState
{
    public ContainerStateDetail? Waiting { get; init; }

    public ContainerStateDetail? Terminated { get; init; }

    public string Describe() => Waiting is { } waiting ? $"waiting ({waiting.Describe()})"
        : Terminated is { } terminated ? $"terminated ({terminated.Describe()})"
        : "running";
}
