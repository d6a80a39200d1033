namespace ChatOpsIncidents.Bot.Events;

public sealed record EventListView(IReadOnlyList<EventView> Items, int Page, int PageSize, int Total);
