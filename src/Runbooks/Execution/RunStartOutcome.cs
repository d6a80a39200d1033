using ChatOpsIncidents.Core.Runs;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>The run that started (execute it with <see cref="RunbookRunner.ExecuteAsync"/>), or why it did not.</summary>
public sealed record RunStartOutcome(RunbookRun? Run, string? Refusal);
