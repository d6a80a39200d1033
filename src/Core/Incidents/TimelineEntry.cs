namespace ChatOpsIncidents.Core.Incidents;

/// <summary>One line of an incident's audit trail. Entries are only ever appended, never changed.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry()
    {
    }

    internal TimelineEntry(TimelineEntryKind kind, Actor actor, DateTimeOffset at, string text)
    {
        Kind = kind;
        ActorKind = actor.Kind;
        ActorId = actor.Id;
        ActorName = actor.Name;
        At = at;
        Text = text;
    }

    public long Id { get; private set; }

    public long IncidentId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public TimelineEntryKind Kind { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public string ActorId { get; private set; } = "";

    public string? ActorName { get; private set; }

    public string Text { get; private set; } = "";

    public Actor Actor => new(ActorKind, ActorId, ActorName);
}
