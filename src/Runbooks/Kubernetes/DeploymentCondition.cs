namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>A condition such as <c>Progressing</c>; <see cref="Status"/> is the string "True", "False" or "Unknown".</summary>
public sealed record DeploymentCondition(string Type, string Status)
{
    public string? Reason { get; init; }

    public string? Message { get; init; }
}
