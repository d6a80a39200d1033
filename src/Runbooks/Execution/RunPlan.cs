using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Execution.Steps;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>A request that passed every guard but the ones checked when it starts (confirmation, one run per target).</summary>
public sealed record RunPlan(Runbook Runbook, RunRequest Request, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<PlannedStep> Steps)
{
    /// <summary>What the run works on, in words: the deployment of its first Kubernetes step, else the runbook itself.</summary>
    public string Target => Deployment is { } deployment ? $"deployment {deployment}" : $"runbook {Runbook.Id}";

    /// <summary>
    /// What one run at a time is held on, across replicas: the deployment, whichever runbook works on it, else the runbook.
    /// Its values are the ones stored before there was a separate key, so a run started before an upgrade still holds.
    /// </summary>
    public string LockKey => Deployment is { } deployment ? $"deployment {deployment.Namespace}/{deployment.Name}" : $"runbook {Runbook.Id}";

    public bool NeedsConfirmation => Runbook.NeedsConfirmation && !Request.Automatic && !Request.Confirmed;

    public string DescribeParameters() => Parameters.Count == 0 ? "no parameters" : string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"));

    private DeploymentRef? Deployment => Steps.OfType<KubernetesStep>().FirstOrDefault()?.Deployment;
}
