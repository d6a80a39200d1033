namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// Which incidents to list; null fields do not filter, <see cref="OpenOnly"/> keeps the triggered and acknowledged. Pages start at 1.
/// <see cref="Since"/> and <see cref="Until"/> bound the opening time ([since, until)); <see cref="TitleContains"/> matches any case.
/// </summary>
public sealed record IncidentFilter(
    IncidentStatus? Status = null,
    Severity? Severity = null,
    string? Service = null,
    DateTimeOffset? Since = null,
    int Page = 1,
    int PageSize = IncidentFilter.DefaultPageSize,
    bool OpenOnly = false,
    string? Environment = null,
    DateTimeOffset? Until = null,
    string? TitleContains = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}
