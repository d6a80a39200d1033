using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// The postmortem of a resolved incident: whom it is chased from, when the next reminder is due (24 h and 48 h after the
/// resolution, overdue at 72 h), and when it was done, with a link to the finished document.
/// </summary>
public sealed class Postmortem : IIncidentDueWork
{
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromHours(24);
    public const int RemindersBeforeOverdue = 2;

    /// <summary>How long after its incident's resolution an unfinished postmortem is overdue.</summary>
    public static readonly TimeSpan OverdueAfterResolution = ReminderInterval * (RemindersBeforeOverdue + 1);

    private Postmortem()
    {
    }

    internal Postmortem(Incident incident) => Incident = incident;

    public long IncidentId { get; private set; }

    public Incident Incident { get; private set; } = null!;

    public DateTimeOffset ResolvedAt { get; private set; }

    /// <summary>The Slack user reminded: the commander, else whoever resolved it, else the assignee.</summary>
    public string? Owner { get; private set; }

    public int RemindersSent { get; private set; }

    /// <summary>When the next reminder (or the overdue notice) is due.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? Link { get; private set; }

    public bool IsCompleted => CompletedAt is not null;

    internal void Draft(DateTimeOffset resolvedAt, string? owner)
    {
        ResolvedAt = resolvedAt;
        Owner = owner;
        RemindersSent = 0;
        DueAt = resolvedAt + ReminderInterval;
    }

    /// <summary>Counts a reminder (or, after <see cref="RemindersBeforeOverdue"/>, the overdue notice) and plans the next.</summary>
    internal void Reminded()
    {
        RemindersSent++;
        DueAt = RemindersSent <= RemindersBeforeOverdue ? ResolvedAt + (ReminderInterval * (RemindersSent + 1)) : null;
    }

    /// <summary>Nothing more is due: the postmortem is withdrawn.</summary>
    internal void Withdraw() => DueAt = null;

    internal void Complete(string link, DateTimeOffset at)
    {
        CompletedAt = at;
        Link = link;
        DueAt = null;
    }
}
