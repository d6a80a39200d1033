namespace ChatOpsIncidents.Core.Incidents;

/// <summary>One line of an incident's audit trail. Entries are only ever appended, never changed.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry()
    {
    }

    internal TimelineEntry(TimelineEntryKind kind, Actor actor, DateTimeOffset at, string text, IReadOnlyList<string>? recipients = null, DateTimeOffset? dueAt = null)
    {
        Recipients = recipients is { Count: > 0 } ? string.Join(' ', recipients) : null;
        DueAt = dueAt;
        Kind = kind;
        ActorKind = actor.Kind;
        ActorId = actor.Id;
        ActorName = actor.Name;
        OnBehalfOf = actor.OnBehalfOf;
        At = at;
        Text = text;
    }

    /// <summary>A <see cref="TimelineEntryKind.DeliveryRefused"/> entry, added to the timeline of incident <paramref name="incidentId"/> as it is.</summary>
    internal static TimelineEntry DeliveryRefused(long incidentId, string text, DateTimeOffset at) =>
        new(TimelineEntryKind.DeliveryRefused, Actor.System, at, text) { IncidentId = incidentId };

    /// <summary>A <see cref="TimelineEntryKind.SloBudgetRead"/> entry: the reading changes nothing in the incident, so it does not bump its version.</summary>
    internal static TimelineEntry SloBudgetRead(long incidentId, string text, DateTimeOffset at) =>
        new(TimelineEntryKind.SloBudgetRead, Actor.System, at, text) { IncidentId = incidentId };

    /// <summary>
    /// A <see cref="TimelineEntryKind.StormMemberAdded"/> entry on the storm incident <paramref name="stormId"/>: it changes nothing in the storm
    /// incident, so it does not bump its version (a person acting on the storm meanwhile does not collide with it).
    /// </summary>
    internal static TimelineEntry StormMemberAdded(long stormId, string text, DateTimeOffset at) =>
        new(TimelineEntryKind.StormMemberAdded, Actor.System, at, text) { IncidentId = stormId };

    public long Id { get; private set; }

    public long IncidentId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public TimelineEntryKind Kind { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public string ActorId { get; private set; } = "";

    public string? ActorName { get; private set; }

    /// <summary>Whom an API client said it acted for; unverified (see <see cref="Incidents.Actor.OnBehalfOf"/>).</summary>
    public string? OnBehalfOf { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>Whom the entry is for, space-separated Slack user ids: the people an escalation step notifies, a reminder's addressee, a follow-up's owner.</summary>
    public string? Recipients { get; private set; }

    /// <summary>For an escalation step: when it was due, so the delay until people were told can be measured.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public Actor Actor => new(ActorKind, ActorId, ActorName, OnBehalfOf);

    public IReadOnlyList<string> RecipientIds => Recipients?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>An alert of the incident fired or resolved: news that chat tells many at a time, in one line.</summary>
    public bool IsAlertChange => Kind is TimelineEntryKind.AlertFiring or TimelineEntryKind.AlertResolved;

    /// <summary>News that chat tells many at a time (alert changes, incidents joining a storm): it does not count towards a delivery's batch.</summary>
    public bool IsToldInBulk => IsAlertChange || Kind == TimelineEntryKind.StormMemberAdded;
}
