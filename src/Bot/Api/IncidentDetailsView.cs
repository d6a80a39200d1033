using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

public sealed record IncidentDetailsView(
    IncidentSummaryView Incident,
    string? Description,
    string? GroupKey,
    string? ExternalUrl,
    int ReopenCount,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<TimelineEntryView> Timeline)
{
    public static IncidentDetailsView From(Incident incident) => new(
        IncidentSummaryView.From(incident),
        incident.Description,
        incident.GroupKey,
        incident.ExternalUrl,
        incident.ReopenCount,
        [.. incident.Alerts.Select(AlertView.From)],
        [.. incident.Timeline.Select(TimelineEntryView.From)]);
}
