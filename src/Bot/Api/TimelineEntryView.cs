using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

public sealed record TimelineEntryView(DateTimeOffset At, string Kind, string ActorKind, string Actor, string Text)
{
    public static TimelineEntryView From(TimelineEntry entry) => new(
        entry.At,
        entry.Kind.ToString(),
        entry.ActorKind.ToString(),
        entry.ActorName ?? entry.ActorId,
        entry.Text);
}
