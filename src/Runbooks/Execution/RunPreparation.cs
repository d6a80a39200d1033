namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>The plan, or the refusal that says in words why the run may not happen.</summary>
public sealed record RunPreparation(RunPlan? Plan, string? Refusal)
{
    public static RunPreparation Refused(string reason) => new(null, reason);
}
