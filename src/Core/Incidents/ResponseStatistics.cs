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

    /// <summary>The statistics of <paramref name="group"/> from the database's sums (more than one row when service names collide with <see cref="NoService"/>).</summary>
    internal static ResponseStatistics Of(string group, IEnumerable<ResponseSums> sums)
    {
        List<ResponseSums> rows = [.. sums];
        long acknowledged = rows.Sum(r => r.Acknowledged);
        long resolved = rows.Sum(r => r.Resolved);
        return new ResponseStatistics(
            group,
            (int)rows.Sum(r => r.Incidents),
            (int)acknowledged,
            (int)resolved,
            Mean(rows.Sum(r => r.TicksToAcknowledge), acknowledged),
            Mean(rows.Sum(r => r.TicksToResolve), resolved));
    }

    private static TimeSpan? Mean(long ticks, long count) => count == 0 ? null : TimeSpan.FromTicks((long)((double)ticks / count));
}
