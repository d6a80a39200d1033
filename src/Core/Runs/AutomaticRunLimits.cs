namespace ChatOpsIncidents.Core.Runs;

/// <summary>How many automatic runs of one runbook may start in an hour: on one target, and on all its targets together.</summary>
public sealed record AutomaticRunLimits(int PerTarget, int InAll);
