namespace ChatOpsIncidents.Core.Runs;

/// <summary>
/// The run that started, or why none did: <see cref="Busy"/> is the run already going on the same target;
/// <see cref="AlreadyTriggered"/> means this runbook already ran for the same alert entry (another replica was first).
/// </summary>
public sealed record RunStartResult(RunbookRun? Started, RunbookRun? Busy, bool AlreadyTriggered = false);
