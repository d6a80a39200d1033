using System.Collections.Concurrent;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// The figures of <c>/insights</c>, kept per period and split for at most <see cref="MaxAge"/>: summing up to 90 days of incidents
/// on every request costs too much with tens of thousands of them. Each replica keeps its own, so whichever serves a page shows
/// sums at most that old. Bounded by the page's choices (3 periods, 2 splits): one entry for each.
/// </summary>
public sealed class InsightsFiguresCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<(int Days, StatisticsGrouping Grouping), InsightsFigures> _kept = new();

    /// <summary>
    /// The figures of the last <paramref name="days"/> UTC days, today the last: those kept when computed less than
    /// <see cref="MaxAge"/> ago for the same days, else computed now from the statistics.
    /// </summary>
    public async Task<InsightsFigures> GetAsync(
        int days, StatisticsGrouping grouping, IncidentStatisticsService statistics, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset from = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - days);
        if (_kept.TryGetValue((days, grouping), out InsightsFigures? kept) && kept.From == from && now - kept.ComputedAt < MaxAge)
        {
            return kept;
        }
        var computed = new InsightsFigures(
            from,
            now,
            await statistics.PerDayAndWeekAsync(from, now, grouping, cancellationToken),
            await statistics.PostmortemCompletionAsync(from, now, PostmortemCompletion.Target, cancellationToken),
            await statistics.AutomaticRemediationAsync(from, now, cancellationToken));
        _kept[(days, grouping)] = computed;
        return computed;
    }
}
