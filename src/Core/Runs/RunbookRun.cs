using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Runs;

/// <summary>
/// One run of a runbook, kept so that <c>/runbook status</c> works after a restart and so that replicas agree on one run
/// per target: <see cref="ActiveTarget"/> is unique while set, and set only while the run is going. What the steps do is
/// the runbook's business; here they are names and states.
/// </summary>
public sealed class RunbookRun
{
    public const int MaxTargetLength = 300;

    private RunbookRun()
    {
    }

    public RunbookRun(RunbookRunStart start, DateTimeOffset at)
    {
        RunbookId = start.RunbookId;
        IncidentId = start.Incident?.Number;
        Target = start.Target;
        ActiveTarget = start.LockKey;
        Status = RunStatus.Running;
        Automatic = start.Automatic;
        StartedByKind = start.StartedBy.Kind;
        StartedById = start.StartedBy.Id;
        StartedByName = start.StartedBy.Name;
        StartedAt = at;
        HeartbeatAt = at;
        Owner = start.Owner;
        TriggerEntryId = start.TriggerEntryId;
        Parameters = new Dictionary<string, string>(start.Parameters);
        Steps = [.. start.StepNames.Select(name => new RunStep(name, RunStepStatus.Pending))];
    }

    public long Id { get; private set; }

    public string RunbookId { get; private set; } = "";

    public long? IncidentId { get; private set; }

    /// <summary>What the run changes, such as "deployment payments/checkout-api".</summary>
    public string Target { get; private set; } = "";

    /// <summary>The run's lock key while it is going, null once it ended: unique, so a second run of one target fails to start.</summary>
    public string? ActiveTarget { get; private set; }

    public RunStatus Status { get; private set; }

    public bool Automatic { get; private set; }

    public ActorKind StartedByKind { get; private set; }

    public string StartedById { get; private set; } = "";

    public string? StartedByName { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Last sign of life of the process running it; a running run without one for long was interrupted.</summary>
    public DateTimeOffset HeartbeatAt { get; private set; }

    /// <summary>The bot instance running it (see <see cref="RunbookRunStart.Owner"/>).</summary>
    public string Owner { get; private set; } = "";

    /// <summary>For automatic runs, the timeline entry (an alert firing) that started it: one run per runbook and entry.</summary>
    public long? TriggerEntryId { get; private set; }

    public Dictionary<string, string> Parameters { get; private set; } = [];

    public List<RunStep> Steps { get; private set; } = [];

    /// <summary>How it ended, in words, such as the reason a step failed.</summary>
    public string? Outcome { get; private set; }

    public Actor StartedBy => new(StartedByKind, StartedById, StartedByName);

    public IncidentKey? Incident => IncidentId is { } id ? new IncidentKey(id) : null;

    public bool IsRunning => Status == RunStatus.Running;

    public void ChangeStep(int index, RunStepStatus status, string? detail, DateTimeOffset at)
    {
        List<RunStep> steps = [.. Steps];
        steps[index] = steps[index] with { Status = status, Detail = detail };
        Steps = steps; // a new list, so the change is seen and stored
        HeartbeatAt = at;
    }

    public void Beat(DateTimeOffset at) => HeartbeatAt = at;

    public void Finish(RunStatus status, string? outcome, DateTimeOffset at)
    {
        if (status == RunStatus.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A run finishes as succeeded, failed or interrupted.");
        }
        Steps = [.. Steps.Select(step => step.Status is RunStepStatus.Pending or RunStepStatus.Running
            ? step with { Status = status == RunStatus.Interrupted && step.Status == RunStepStatus.Running ? RunStepStatus.Failed : RunStepStatus.Skipped }
            : step)];
        Status = status;
        Outcome = outcome;
        FinishedAt = at;
        HeartbeatAt = at;
        ActiveTarget = null;
    }
}
