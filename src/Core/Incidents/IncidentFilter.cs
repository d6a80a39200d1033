namespace ChatOpsIncidents.Core.Incidents;

/// <summary>Which incidents to list; null fields do not filter, <see cref="OpenOnly"/> keeps the triggered and acknowledged. Pages start at 1.</summary>
public sealed record IncidentFilter(
    IncidentStatus? Status = null,
    Severity? Severity = null,
    string? Service = null,
    DateTimeOffset? Since = null,
    int Page = 1,
    int PageSize = IncidentFilter.DefaultPageSize,
    bool OpenOnly = false)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}
