using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Events;

/// <summary>Which stored events to list; null fields do not filter. <see cref="Text"/> is looked for in the summary, ignoring case. Pages start at 1.</summary>
public sealed record EventFilter(
    string? Service = null,
    string? Source = null,
    EventSeverity? Severity = null,
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    string? DedupKey = null,
    string? Text = null,
    int Page = 1,
    int PageSize = EventFilter.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = IncidentFilter.MaxPageSize;
}
