using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;

namespace ChatOpsIncidents.Runbooks.Tests.Execution;

/// <summary>Keeps every state of the run it was shown, and the output attached.</summary>
internal sealed class RecordingObserver : IRunObserver
{
    public List<RunbookRun> States { get; } = [];

    public List<(string Step, string Output)> Attachments { get; } = [];

    public Task RunChangedAsync(RunbookRun run, CancellationToken cancellationToken)
    {
        States.Add(run);
        return Task.CompletedTask;
    }

    public Task AttachAsync(RunbookRun run, string stepName, string output, CancellationToken cancellationToken)
    {
        Attachments.Add((stepName, output));
        return Task.CompletedTask;
    }
}
