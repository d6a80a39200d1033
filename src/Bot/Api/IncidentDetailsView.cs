using ChatOpsIncidents.Core.Escalation;
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
    public static IncidentDetailsView From(Incident incident, IReadOnlyList<Page> pages, int events) => new(
        IncidentSummaryView.From(incident),
        incident.Description,
        incident.GroupKey,
        incident.ExternalUrl,
        incident.ReopenCount,
        [.. incident.Alerts.Select(AlertView.From)],
        [.. incident.Timeline.Select(TimelineEntryView.From)],
        [.. pages.Select(PageView.From)],
        events);
}
