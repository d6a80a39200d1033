using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// The notification an escalation step owes one recipient about one incident, written in the step's own transaction: on
/// <see cref="PageChannel.Slack"/> the direct message to one person (or one Slack user group, handed on to its members when
/// due), else an email, a text, a PagerDuty event or a webhook call.
/// Pages have their own lane, apart from the incident's channel delivery: a page never waits for the incident's channel to
/// be created or behind other incidents' messages, and a person's due Slack pages leave together, as one message. The other
/// channels have a lane of their own beside it, so that one of them being down never holds a Slack page back.
/// </summary>
public sealed class Page
{
    /// <summary>Starts a <see cref="Recipient"/> that is a Slack user group's handle rather than a person's user id.</summary>
    public const char SlackGroupMark = '@';

    private Page()
    {
    }

    internal Page(Incident incident, string step, PageTarget target, DateTimeOffset dueAt, DateTimeOffset now)
    {
        Incident = incident;
        Step = step;
        Channel = target.Channel;
        Recipient = target.Recipient;
        DueAt = dueAt;
        NextAttemptAt = now;
    }

    public long Id { get; private set; }

    public long IncidentId { get; private set; }

    public Incident Incident { get; private set; } = null!;

    /// <summary>
    /// What the escalation step's timeline entry says. A copy, not a reference to the entry: a reference would let EF Core
    /// insert the step's entry ahead of entries added before it, and the timeline's order is its delivery order.
    /// </summary>
    public string Step { get; private set; } = "";

    public PageChannel Channel { get; private set; }

    /// <summary>
    /// The Slack user id of the person paged, or <c>@handle</c> of a Slack user group whose members are to be paged; on the
    /// other channels, see <see cref="PageTarget"/>.
    /// </summary>
    public string Recipient { get; private set; } = "";

    public PageTarget Target => new(Channel, Recipient);

    public bool IsForSlackGroup => Recipient.StartsWith(SlackGroupMark);

    /// <summary>When the step was due: the escalation lag is measured from here.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Consecutive failed attempts: to send the page, then to edit its message.</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }

    /// <summary>Null while the page is still to be sent.</summary>
    public PageOutcome? Outcome { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The conversation of the direct message that carried the page, once sent.</summary>
    public string? MessageChannel { get; private set; }

    /// <summary>The Slack timestamp (id) of that message: several pages share it when they left together.</summary>
    public string? MessageTs { get; private set; }

    /// <summary>
    /// When the message was edited to say who acknowledged (or resolved) the incident, without its Acknowledge button; null
    /// while the button is there. A sent page whose incident is no longer triggered is due for that edit.
    /// </summary>
    public DateTimeOffset? MessageClosedAt { get; private set; }

    /// <summary>
    /// On a channel that follows the incident (<see cref="PageChannelNames.FollowsIncident"/>): the incident status its
    /// receiver was last told (or given up telling), once the page was sent. A sent page whose incident's status differs is due
    /// for telling, until the receiver was told it is resolved.
    /// </summary>
    public IncidentStatus? StatusTold { get; private set; }

    public void Finish(PageOutcome outcome, DateTimeOffset at)
    {
        Outcome = outcome;
        FinishedAt = at;
        ReleaseLease();
    }

    /// <summary>The page left in the message <paramref name="ts"/> of conversation <paramref name="channel"/>.</summary>
    public void Sent(string channel, string ts, DateTimeOffset at)
    {
        Finish(PageOutcome.Sent, at);
        MessageChannel = channel;
        MessageTs = ts;
    }

    /// <summary>The page reached a notification channel; one that follows the incident was told it is triggered.</summary>
    public void Delivered(DateTimeOffset at)
    {
        Finish(PageOutcome.Sent, at);
        StatusTold = Channel.FollowsIncident() ? IncidentStatus.Triggered : null;
    }

    /// <summary>The receiver of a sent page was told the incident's <paramref name="status"/>.</summary>
    public void Told(IncidentStatus status)
    {
        StatusTold = status;
        Attempts = 0;
        LastError = null;
        ReleaseLease();
    }

    /// <summary>The receiver refused for good to be told the incident's <paramref name="status"/>: written to the timeline, not tried again.</summary>
    public void RefuseTelling(IncidentStatus status, string reason, DateTimeOffset at)
    {
        StatusTold = status;
        LastError = reason;
        ReleaseLease();
        Incident.Record(TimelineEntryKind.PageRefused, Actor.System, at, $"Could not tell {Target} that the incident is {status.ToString().ToLowerInvariant()}: {reason}");
    }

    /// <summary>The page's message no longer offers to acknowledge the incident (or never will: Slack refused the edit for good).</summary>
    public void CloseMessage(DateTimeOffset at, string? error = null)
    {
        MessageClosedAt = at;
        LastError = error ?? LastError;
        ReleaseLease();
    }

    /// <summary>A page leased only so that its message could be rendered whole: its own incident still waits for an ack.</summary>
    public void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseUntil = null;
    }

    /// <summary>
    /// Slack refused to message the person for good. Recorded on the incident's timeline as well, so its channel and its
    /// postmortem show that this person was not woken.
    /// </summary>
    public void Refuse(string reason, DateTimeOffset at)
    {
        Finish(PageOutcome.Refused, at);
        string text = Channel == PageChannel.Slack ? $"Could not page {Recipient}: {reason}" : $"Could not notify {Target}: {reason}";
        Incident.Record(TimelineEntryKind.PageRefused, Actor.System, at, text, Channel == PageChannel.Slack ? [Recipient] : null);
    }

    /// <summary>The same page for one member of this page's Slack user group, due when this one was.</summary>
    internal Page HandOnTo(string member, DateTimeOffset now) => new(Incident, Step, new PageTarget(PageChannel.Slack, member), DueAt, now);

    /// <summary>This attempt (to send, or to edit the message) failed; the page can be claimed again at <paramref name="retryAt"/>.</summary>
    public void Retry(DateTimeOffset retryAt, string error)
    {
        Attempts++;
        LastError = error;
        NextAttemptAt = retryAt;
        ReleaseLease();
    }
}
