using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>A step with its templates filled in and checked, and the requests it begins with (what a dry run shows).</summary>
public sealed record PlannedStep(RunbookStep Step, string Description, IReadOnlyList<KubernetesRequest> Requests)
{
    public string? Namespace { get; init; }

    public string? Deployment { get; init; }

    public int? Replicas { get; init; }

    public string? Url { get; init; }

    /// <summary>What the dry run says about requests that depend on answers (pods found, logs read).</summary>
    public string? Then { get; init; }
}
