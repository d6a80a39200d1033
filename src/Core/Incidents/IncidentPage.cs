namespace ChatOpsIncidents.Core.Incidents;

public sealed record IncidentPage(IReadOnlyList<Incident> Items, int Page, int PageSize, int Total);
