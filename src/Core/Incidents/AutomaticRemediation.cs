namespace ChatOpsIncidents.Core.Incidents;

/// <summary>How the automatic runbook runs started in a period ended: succeeded, or failed (an interrupted run counts as failed).</summary>
public sealed record AutomaticRemediation(int Succeeded, int Failed);
