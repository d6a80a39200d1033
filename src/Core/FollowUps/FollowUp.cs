using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.FollowUps;

/// <summary>
/// A follow-up (postmortem action item) tracked as an issue in the team's tracker (a GitHub repository, a Jira project). Written
/// in the transaction that added the follow-up; as due work it is due for its issue to be created, then, once created, for its
/// issue's state to be read again every <see cref="RefreshInterval"/> until the issue is closed.
/// </summary>
public sealed class FollowUp : IDueWork
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(15);

    /// <summary>How long one attempt (a call to the tracker) may hold the follow-up before another replica may try it again.</summary>
    public static readonly TimeSpan AttemptLease = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_longestRetry = TimeSpan.FromHours(1);

    /// <summary>Longest <see cref="LastError"/> kept.</summary>
    public const int MaxErrorLength = 1024;

    private FollowUp()
    {
    }

    internal FollowUp(Incident incident, string text, string? owner, string? addedBy, string tracker, DateTimeOffset at)
    {
        Incident = incident;
        Text = text;
        Owner = owner;
        AddedBy = addedBy;
        Tracker = tracker;
        AddedAt = at;
        DueAt = at;
    }

    public long Id { get; private set; }

    public long IncidentId { get; private set; }

    public Incident Incident { get; private set; } = null!;

    /// <summary>When it was added: the time of its <see cref="TimelineEntryKind.FollowUpAdded"/> entry.</summary>
    public DateTimeOffset AddedAt { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>The Slack user id of its owner, when one was named.</summary>
    public string? Owner { get; private set; }

    /// <summary>The Slack user id of whoever added it: told when its issue cannot be created.</summary>
    public string? AddedBy { get; private set; }

    /// <summary>Where its issue lives, as people read it: "GitHub acme/shop", "Jira OPS".</summary>
    public string Tracker { get; private set; } = "";

    /// <summary>The issue's key in the tracker ("42" on GitHub, "OPS-7" in Jira); null until it is created.</summary>
    public string? IssueKey { get; private set; }

    public string? IssueUrl { get; private set; }

    /// <summary>The issue was closed (done) when last read.</summary>
    public bool IsDone { get; private set; }

    /// <summary>The tracker refused the issue for good: it will not be created.</summary>
    public bool IsRefused { get; private set; }

    /// <summary>Consecutive failed calls to the tracker.</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>When the issue is next to be created or read; null once it is closed, or refused.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>One attempt starts: held until <see cref="AttemptLease"/> from <paramref name="now"/>, when another may start if this one never ends.</summary>
    internal void Attempting(DateTimeOffset now) => DueAt = now + AttemptLease;

    internal void Created(TrackedIssue issue, DateTimeOffset now)
    {
        IssueKey = issue.Key;
        IssueUrl = issue.Url;
        Attempts = 0;
        LastError = null;
        Incident.Record(TimelineEntryKind.FollowUpIssue, Actor.System, now, $"Follow-up \"{Text}\" is tracked in {Tracker}: {issue.Url}");
        Read(issue.IsClosed, now);
    }

    /// <summary>The issue was read: closed issues are done, and are read no more.</summary>
    internal void Read(bool isClosed, DateTimeOffset now)
    {
        Attempts = 0;
        LastError = null;
        if (isClosed && !IsDone)
        {
            Incident.Record(TimelineEntryKind.FollowUpIssue, Actor.System, now, $"Follow-up \"{Text}\" is done: its issue {IssueUrl} was closed");
        }
        IsDone = isClosed;
        DueAt = isClosed ? null : now + RefreshInterval;
    }

    /// <summary>
    /// The call failed for now; tried again after <paramref name="retryAfter"/> when the tracker said, else after a backoff
    /// doubling from 30 seconds to an hour. The first failure to create the issue is told to whoever added the follow-up.
    /// </summary>
    internal void Failed(string error, TimeSpan? retryAfter, DateTimeOffset now)
    {
        Attempts++;
        LastError = TextLimits.Cut(error, MaxErrorLength);
        TimeSpan backoff = TimeSpan.FromTicks(Math.Min(s_longestRetry.Ticks, s_firstRetry.Ticks << Math.Min(Attempts - 1, 16)));
        DueAt = now + (retryAfter is { } after && after > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(after.Ticks, s_longestRetry.Ticks)) : backoff);
        if (IssueKey is null && Attempts == 1)
        {
            Incident.Record(TimelineEntryKind.FollowUpIssue, Actor.System, now,
                $"Could not create the issue of follow-up \"{Text}\" in {Tracker} yet ({error}); the follow-up is kept and the bot keeps trying", Whom());
        }
    }

    /// <summary>The tracker refused the call for good: an issue not created is told to whoever added the follow-up.</summary>
    internal void Refused(string error, DateTimeOffset now)
    {
        LastError = TextLimits.Cut(error, MaxErrorLength);
        DueAt = null;
        if (IssueKey is null)
        {
            IsRefused = true;
            Incident.Record(TimelineEntryKind.FollowUpIssue, Actor.System, now,
                $"{Tracker} refused the issue of follow-up \"{Text}\" ({error}); the follow-up is kept in the postmortem only", Whom());
        }
    }

    private string[]? Whom() => AddedBy is null ? null : [AddedBy];
}
