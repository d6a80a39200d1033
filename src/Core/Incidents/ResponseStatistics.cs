namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// Mean time to acknowledge and to resolve over a set of incidents. The means only count incidents that
/// reached that state; the counts say how many did.
/// </summary>
public sealed record ResponseStatistics(
    string Group,
    int Incidents,
    int Acknowledged,
    int Resolved,
    TimeSpan? MeanTimeToAcknowledge,
    TimeSpan? MeanTimeToResolve)
{
    public const string NoService = "(no service)";

    public static IReadOnlyList<ResponseStatistics> Summarize(IEnumerable<IncidentTimes> incidents, StatisticsGrouping grouping) => incidents
        .GroupBy(i => grouping switch
        {
            StatisticsGrouping.Service => i.Service ?? NoService,
            StatisticsGrouping.Severity => i.Severity.ToDisplay(),
            _ => "all",
        })
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .Select(group =>
        {
            List<TimeSpan> toAcknowledge = [.. group.Select(i => i.TimeToAcknowledge).OfType<TimeSpan>()];
            List<TimeSpan> toResolve = [.. group.Select(i => i.TimeToResolve).OfType<TimeSpan>()];
            return new ResponseStatistics(group.Key, group.Count(), toAcknowledge.Count, toResolve.Count, Mean(toAcknowledge), Mean(toResolve));
        })
        .ToList();

    private static TimeSpan? Mean(List<TimeSpan> durations) =>
        durations.Count == 0 ? null : TimeSpan.FromTicks((long)durations.Average(d => d.Ticks));
}
