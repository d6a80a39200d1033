namespace ChatOpsIncidents.Bot.Api;

public sealed record StatisticsView(DateTimeOffset From, DateTimeOffset Until, string GroupBy, IReadOnlyList<ResponseStatisticsView> Groups);
