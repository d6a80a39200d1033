namespace ChatOpsIncidents.Core.Runs;

/// <summary>
/// The run that started, or why none did: <see cref="Busy"/> is the run already going on the same target;
/// <see cref="AlreadyTriggered"/> means this runbook already ran for the same alert entry (another replica was first);
/// <see cref="AutomaticRunsLastHour"/>, set when an automatic run reached an hourly limit, is how many ran in the last hour,
/// on its target when <see cref="TargetLimitReached"/>, else in all.
/// </summary>
public sealed record RunStartResult(
    RunbookRun? Started, RunbookRun? Busy, bool AlreadyTriggered = false, int? AutomaticRunsLastHour = null, bool TargetLimitReached = false);
