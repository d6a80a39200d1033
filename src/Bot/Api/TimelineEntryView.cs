using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

/// <param name="Actor">
/// Who acted: the Slack user's name (their id when Slack cannot tell), the dashboard person's name (their email when the provider
/// gave none), Alertmanager, the runbook, or the name of the API token presented.
/// </param>
/// <param name="Text">What happened, people by name.</param>
/// <param name="OnBehalfOf">Whom an API client said it acted for (its request's <c>by</c>); unverified.</param>
public sealed record TimelineEntryView(DateTimeOffset At, string Kind, string ActorKind, string Actor, string Text, string? OnBehalfOf = null)
{
    /// <param name="people">Where the entry's text names people by id.</param>
    /// <param name="names">People's names by id (<see cref="IPeopleDirectory"/>).</param>
    public static TimelineEntryView From(TimelineEntry entry, PeopleInText people, IReadOnlyDictionary<string, string> names) => new(
        entry.At,
        entry.Kind.ToString(),
        entry.ActorKind.ToString(),
        entry.ActorKind == Core.Incidents.ActorKind.SlackUser ? names.GetValueOrDefault(entry.ActorId) ?? entry.ActorName ?? entry.ActorId : entry.ActorName ?? entry.ActorId,
        people.Show(entry.Text, id => names.GetValueOrDefault(id, id)),
        entry.OnBehalfOf);
}
