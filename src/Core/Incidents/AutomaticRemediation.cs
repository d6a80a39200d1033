namespace ChatOpsIncidents.Core.Incidents;

/// <summary>How the automatic runbook runs started in a period ended: succeeded, or failed (an interrupted run counts as failed).</summary>
public sealed record AutomaticRemediation(int Succeeded, int Failed)
{
    public int Runs => Succeeded + Failed;

    /// <summary>The share of the runs that succeeded; null when there were none.</summary>
    public double? SuccessShare => Runs > 0 ? (double)Succeeded / Runs : null;
}
