using ChatOpsIncidents.Core.Runs;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// Shows a run to people while it goes (the bot edits one Slack message in place). Called after every stored change; a
/// failure here is logged and does not stop the run.
/// </summary>
public interface IRunObserver
{
    Task RunChangedAsync(RunbookRun run, CancellationToken cancellationToken);

    /// <summary>Long output of a step (diagnostics), to show as a file.</summary>
    Task AttachAsync(RunbookRun run, string stepName, string output, CancellationToken cancellationToken);
}
