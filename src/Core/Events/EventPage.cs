namespace ChatOpsIncidents.Core.Events;

public sealed record EventPage(IReadOnlyList<StoredEvent> Items, int Page, int PageSize, int Total);
