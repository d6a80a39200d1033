namespace ChatOpsIncidents.Core.Incidents;

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Page, int PageSize, int Total);
