using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

/// <param name="Events">How many stored events (<c>GET /api/events</c>) fed the incident.</param>
public sealed record IncidentDetailsView(
    IncidentSummaryView Incident,
    string? Description,
    string? GroupKey,
    string? ExternalUrl,
    int ReopenCount,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<TimelineEntryView> Timeline,
    IReadOnlyList<PageView> Pages,
    int Events)
{
    /// <summary>The incident as <c>GET /api/incidents/{key}</c> and the dashboard show it; null when there is none.</summary>
    public static async Task<IncidentDetailsView?> LoadAsync(
        IncidentKey key, IncidentQueries queries, EventQueries events, IPeopleDirectory people, CancellationToken cancellationToken)
    {
        Incident? incident = await queries.FindAsync(key, cancellationToken);
        return incident is null
            ? null
            : From(
                incident,
                await queries.PagesAsync(key, cancellationToken),
                await events.CountForAsync(key, cancellationToken),
                await people.NamesAsync(incident.PeopleIds, cancellationToken));
    }

    /// <param name="names">People's names by id (<see cref="IPeopleDirectory"/>), for the timeline.</param>
    public static IncidentDetailsView From(Incident incident, IReadOnlyList<Page> pages, int events, IReadOnlyDictionary<string, string> names) => new(
        IncidentSummaryView.From(incident),
        incident.Description,
        incident.GroupKey,
        incident.ExternalUrl,
        incident.ReopenCount,
        [.. incident.Alerts.Select(AlertView.From)],
        [.. incident.Timeline.Select(entry => TimelineEntryView.From(entry, PeopleInText.Of(incident), names))],
        [.. pages.Select(PageView.From)],
        events);
}
