using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

public sealed record IncidentDetailsView(
    IncidentSummaryView Incident,
    string? Description,
    string? GroupKey,
    string? ExternalUrl,
    int ReopenCount,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<TimelineEntryView> Timeline,
    IReadOnlyList<PageView> Pages)
{
    public static IncidentDetailsView From(Incident incident, IReadOnlyList<Page> pages) => new(
        IncidentSummaryView.From(incident),
        incident.Description,
        incident.GroupKey,
        incident.ExternalUrl,
        incident.ReopenCount,
        [.. incident.Alerts.Select(AlertView.From)],
        [.. incident.Timeline.Select(TimelineEntryView.From)],
        [.. pages.Select(PageView.From)]);
}
