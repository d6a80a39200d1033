using ChatOpsIncidents.Runbooks.Definitions;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>A request that passed every guard but the ones checked when it starts (confirmation, one run per target).</summary>
public sealed record RunPlan(Runbook Runbook, RunRequest Request, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<PlannedStep> Steps, string Target)
{
    public bool NeedsConfirmation => Runbook.NeedsConfirmation && !Request.Automatic && !Request.Confirmed;

    public string DescribeParameters() => Parameters.Count == 0 ? "no parameters" : string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"));
}
