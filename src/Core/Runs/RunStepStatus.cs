namespace ChatOpsIncidents.Core.Runs;

public enum RunStepStatus
{
    Pending,
    Running,
    Done,
    Failed,

    /// <summary>Not run because an earlier step failed.</summary>
    Skipped,
}
