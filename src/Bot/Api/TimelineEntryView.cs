using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

/// <param name="Actor">Who acted: the Slack user, Alertmanager, the runbook, or the name of the API token presented.</param>
/// <param name="OnBehalfOf">Whom an API client said it acted for (its request's <c>by</c>); unverified.</param>
public sealed record TimelineEntryView(DateTimeOffset At, string Kind, string ActorKind, string Actor, string Text, string? OnBehalfOf = null)
{
    public static TimelineEntryView From(TimelineEntry entry) => new(
        entry.At,
        entry.Kind.ToString(),
        entry.ActorKind.ToString(),
        entry.ActorName ?? entry.ActorId,
        entry.Text,
        entry.OnBehalfOf);
}
