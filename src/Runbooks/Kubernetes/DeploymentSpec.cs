namespace ChatOpsIncidents.Runbooks.Kubernetes;

public sealed record DeploymentSpec
{
    /// <summary>Null when the API left it out; the server defaults it to 1.</summary>
    public int? Replicas { get; init; }

    public LabelSelector? Selector { get; init; }

    public bool Paused { get; init; }

    public int? ProgressDeadlineSeconds { get; init; }

    public PodTemplate? Template { get; init; }
}
