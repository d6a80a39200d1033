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
    EscalationStopped,
    EscalationExhausted,

    /// <summary>Slack refused to message a person an escalation step paged: that person was not woken.</summary>
    PageRefused,
    PostmortemDrafted,
    PostmortemReminder,
    PostmortemOverdue,
    PostmortemCompleted,
    FollowUpAdded,

    /// <summary>What became of a follow-up's issue in the team's tracker: created, closed, or not created (and whom that is told).</summary>
    FollowUpIssue,

    /// <summary>Chat refused part of telling people for good (a text too long, a channel archived…): that part was skipped.</summary>
    DeliveryRefused,

    /// <summary>An automatic runbook did not run: its alert asked for what the runbook may not do, or its hourly budget was spent.</summary>
    RunbookRefused,

    /// <summary>The error budget of the SLO whose alert opened the incident, read from Prometheus at opening or resolution.</summary>
    SloBudgetRead,

    /// <summary>The incident opened during an alert storm and was attached to the storm's incident.</summary>
    StormJoined,

    /// <summary>On a storm's incident: an incident was attached to it.</summary>
    StormMemberAdded,

    /// <summary>On a storm's incident: the storm ended, with what it gathered.</summary>
    StormEnded,

    /// <summary>A person gave an incident of a storm a channel of its own instead of its thread in the storm's channel.</summary>
    OwnChannelGiven,

    /// <summary>A person silenced the incident's alerts in Alertmanager: until when, the silence's id, why.</summary>
    Silenced,

    /// <summary>The incident's silence was lifted: by a person, or because the incident resolved.</summary>
    SilenceLifted,

    /// <summary>A person said the incident was not actionable (noise): a false positive of its alert.</summary>
    MarkedNoise,

    /// <summary>No postmortem is asked for (the incident was marked not actionable); a draft made before is withdrawn with its reminders.</summary>
    PostmortemNotNeeded,
}
