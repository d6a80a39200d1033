using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

/// <param name="Storm">The alert storm incident this incident is attached to, such as "INC-7"; null when it is none's.</param>
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
    double? SecondsToResolve,
    string? Storm)
{
    public static IncidentSummaryView From(Incident incident) => From(IncidentSummary.Of(incident));

    public static IncidentSummaryView From(IncidentSummary incident) => new(
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
        incident.Times.TimeToResolve?.TotalSeconds,
        incident.Storm?.ToString());
}
