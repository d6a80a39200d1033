namespace ChatOpsIncidents.Core.Postmortems;

public sealed record PostmortemAlertLine(string Name, string Status, string StartsAt, string EndsAt, string? Summary);
