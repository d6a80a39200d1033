namespace ChatOpsIncidents.Core.Incidents;

public enum TimelineEntryKind
{
    Opened,
    AlertFiring,
    AlertResolved,
    Acknowledged,
    Assigned,
    CommanderChanged,
    SeverityChanged,
    Resolved,
    AutoResolved,
    Reopened,
    Note,
    RunbookStarted,
    RunbookStep,
    RunbookFinished,
    RunbookDryRun,
    EscalationStep,
    EscalationSkipped,
    EscalationExhausted,
    PostmortemDrafted,
    PostmortemReminder,
    PostmortemOverdue,
    PostmortemCompleted,
    FollowUpAdded,
}
