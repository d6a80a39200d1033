using ChatOpsIncidents.Core.Runs;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// Carries out an automatic run once it started (<see cref="RunbookRunner.ExecuteAsync"/>), in the background and in a scope
/// of its own, showing its progress where the incident's people look. The host provides it.
/// </summary>
public interface IAutomaticRunCarrier
{
    Task CarryAsync(RunbookRun run, RunPlan plan, CancellationToken cancellationToken);
}
