using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

public sealed record IncidentSummaryView(
    string Key,
    string Title,
    string Status,
    string Severity,
    string Source,
    string? Service,
    string? Environment,
    string? Namespace,
    string? Commander,
    string? Assignee,
    DateTimeOffset DetectedAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    double? SecondsToAcknowledge,
    double? SecondsToResolve)
{
    public static IncidentSummaryView From(Incident incident) => new(
        incident.Key.ToString(),
        incident.Title,
        incident.Status.ToString().ToLowerInvariant(),
        incident.Severity.ToDisplay(),
        incident.Source.ToString().ToLowerInvariant(),
        incident.Service,
        incident.Environment,
        incident.Namespace,
        incident.Commander,
        incident.Assignee,
        incident.DetectedAt,
        incident.OpenedAt,
        incident.AcknowledgedAt,
        incident.ResolvedAt,
        incident.Times.TimeToAcknowledge?.TotalSeconds,
        incident.Times.TimeToResolve?.TotalSeconds);
}

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

public sealed record AlertView(
    string Fingerprint,
    string Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl)
{
    public static AlertView From(Alert alert) => new(
        alert.Fingerprint,
        alert.Status.ToString().ToLowerInvariant(),
        alert.Labels,
        alert.Annotations,
        alert.StartsAt,
        alert.EndsAt,
        alert.GeneratorUrl);
}

public sealed record TimelineEntryView(DateTimeOffset At, string Kind, string ActorKind, string Actor, string Text)
{
    public static TimelineEntryView From(TimelineEntry entry) => new(
        entry.At,
        entry.Kind.ToString(),
        entry.ActorKind.ToString(),
        entry.ActorName ?? entry.ActorId,
        entry.Text);
}

public sealed record IncidentListView(IReadOnlyList<IncidentSummaryView> Items, int Page, int PageSize, int Total);

public sealed record ResponseStatisticsView(
    string Group,
    int Incidents,
    int Acknowledged,
    int Resolved,
    double? MeanSecondsToAcknowledge,
    double? MeanSecondsToResolve)
{
    public static ResponseStatisticsView From(ResponseStatistics statistics) => new(
        statistics.Group,
        statistics.Incidents,
        statistics.Acknowledged,
        statistics.Resolved,
        statistics.MeanTimeToAcknowledge?.TotalSeconds,
        statistics.MeanTimeToResolve?.TotalSeconds);
}

public sealed record StatisticsView(DateTimeOffset From, DateTimeOffset Until, string GroupBy, IReadOnlyList<ResponseStatisticsView> Groups);

/// <summary>Body of POST /api/incidents/{key}/ack and /resolve; every field is optional.</summary>
public sealed record IncidentActionRequest(string? By, string? Note);

/// <summary>Body of POST /api/incidents: declares an incident by hand.</summary>
public sealed record DeclareIncidentRequest(string? Title, string? Severity, string? Service, string? Description, string? Commander, string? By);
