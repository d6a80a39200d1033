namespace ChatOpsIncidents.Core.Runs;

/// <summary>One step of a run as people see it: its name, where it is, and what happened (the reason when it failed).</summary>
public sealed record RunStep(string Name, RunStepStatus Status, string? Detail = null);
