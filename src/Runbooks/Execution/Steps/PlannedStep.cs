using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>
/// A step with its templates filled in and checked: each kind is one record holding its checked values, and says what it
/// will do (the dry run's line and requests) and does it.
/// </summary>
public abstract record PlannedStep(RunbookStep Step)
{
    /// <summary>What it will do, in words.</summary>
    public abstract string Description { get; }

    /// <summary>The requests it begins with, exactly as they would be sent: what a dry run shows.</summary>
    public virtual IReadOnlyList<KubernetesRequest> Requests => [];

    /// <summary>What the dry run says about requests that depend on answers (pods found, logs read).</summary>
    public virtual string? LaterRequests => null;

    /// <summary>Does the step and says how it went; Kubernetes errors come back as a failed step with the client's message.</summary>
    internal abstract Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken);
}
