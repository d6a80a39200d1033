namespace ChatOpsIncidents.Bot.Api;

public sealed record IncidentListView(IReadOnlyList<IncidentSummaryView> Items, int Page, int PageSize, int Total);
