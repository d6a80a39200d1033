using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

public sealed record ResponseStatisticsView(
    string Group,
    int Incidents,
    int Acknowledged,
    int Resolved,
    double? MeanSecondsToAcknowledge,
    double? MeanSecondsToResolve)
{
    public static ResponseStatisticsView From(ResponseStatistics statistics) => new(
        statistics.Group,
        statistics.Incidents,
        statistics.Acknowledged,
        statistics.Resolved,
        statistics.MeanTimeToAcknowledge?.TotalSeconds,
        statistics.MeanTimeToResolve?.TotalSeconds);
}
