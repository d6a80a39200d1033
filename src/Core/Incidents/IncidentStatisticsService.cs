using System.Runtime.CompilerServices;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Incidents;

public sealed class IncidentStatisticsService(IncidentsDbContext db)
{
    /// <summary>An incident's UTC opening day on PostgreSQL, as the statistics of the PostgreSQL migration OpenedDayStatistics name it.</summary>
    private const string UtcDay = "date_trunc('day', \"OpenedAt\" AT TIME ZONE 'UTC')";

    /// <summary>MTTA and MTTR of the incidents opened in [from, until): the database sums per group only, one period for all of it.</summary>
    public async Task<IReadOnlyList<ResponseStatistics>> ComputeAsync(
        DateTimeOffset from, DateTimeOffset until, StatisticsGrouping grouping, CancellationToken cancellationToken)
    {
        List<ResponseSums> rows = await SumsAsync(
            from, until, length: null, byService: grouping == StatisticsGrouping.Service, bySeverity: grouping == StatisticsGrouping.Severity, cancellationToken);
        return [.. PerPeriod(rows, row => row.Period, grouping).Select(p => p.Statistics)];
    }

    /// <summary>
    /// MTTA and MTTR of the incidents opened in [from, until), in periods of <paramref name="length"/> from
    /// <paramref name="from"/> (the period an incident falls in is the whole number of lengths between from and its opening).
    /// The database sums the times, so that only one row per period and group is read.
    /// </summary>
    public async Task<IReadOnlyList<PeriodStatistics>> PerPeriodAsync(
        DateTimeOffset from, DateTimeOffset until, TimeSpan length, StatisticsGrouping grouping, CancellationToken cancellationToken)
    {
        List<ResponseSums> rows = await SumsAsync(
            from, until, length, byService: grouping == StatisticsGrouping.Service, bySeverity: grouping == StatisticsGrouping.Severity, cancellationToken);
        return PerPeriod(rows, row => row.Period, grouping);
    }

    /// <summary>
    /// MTTA and MTTR of the incidents opened in [from, until) per day by severity, and per week (seven days from
    /// <paramref name="from"/>) by <paramref name="weekly"/>, from one pass over the incidents: the database sums per day,
    /// severity and (when weeks are by service) service, and the weeks add up their days.
    /// </summary>
    public async Task<DailyAndWeeklyStatistics> PerDayAndWeekAsync(
        DateTimeOffset from, DateTimeOffset until, StatisticsGrouping weekly, CancellationToken cancellationToken)
    {
        List<ResponseSums> perDay = await SumsAsync(
            from, until, TimeSpan.FromDays(1), byService: weekly == StatisticsGrouping.Service, bySeverity: true, cancellationToken);
        return new DailyAndWeeklyStatistics(
            PerPeriod(perDay, row => row.Period, StatisticsGrouping.Severity),
            PerPeriod(perDay, row => row.Period / 7, weekly));
    }

    /// <summary>
    /// The sums of the incidents opened in [from, until) per period of <paramref name="length"/> (null: one period, the whole
    /// range, so that nothing is computed per incident to group by) and the groups asked for.
    /// </summary>
    private async Task<List<ResponseSums>> SumsAsync(
        DateTimeOffset from, DateTimeOffset until, TimeSpan? length, bool byService, bool bySeverity, CancellationToken cancellationToken)
    {
        DateTimeOffset start = from.ToStorable();
        DateTimeOffset end = until.ToStorable();
        bool sqlite = db.Database.IsSqlite();
        // SQLite stores UTC ticks. PostgreSQL's timestamptz: the period from the time since the start, and the durations
        // summed as intervals and turned into ticks once per row read (exact to its microseconds).
        bool utcDays = length == TimeSpan.FromDays(1) && start.UtcTicks % TimeSpan.TicksPerDay == 0;
        (string period, string groupBy) = (sqlite, length is null, utcDays) switch
        {
            (_, true, _) => ("CAST(0 AS bigint)", "1"),
            (true, _, _) => ("(\"OpenedAt\" - {2}) / {3}", "1"),
            // UTC days from a UTC midnight: grouped by the UTC day, whose number of values PostgreSQL knows from the statistics
            // "ST_Incidents_OpenedDay", so it sums in a hash table of a few rows a day instead of sorting every incident.
            (false, _, true) => ("CAST(EXTRACT(EPOCH FROM " + UtcDay + " - ({2} AT TIME ZONE 'UTC')) * 10000000 AS bigint) / {3}", UtcDay),
            (false, _, false) => ("CAST(EXTRACT(EPOCH FROM \"OpenedAt\" - {2}) * 10000000 AS bigint) / {3}", "1"),
        };
        object storedStart = sqlite ? start.UtcTicks : start;
        object storedEnd = sqlite ? end.UtcTicks : end;
        object[] arguments = length is { } periodLength ? [storedStart, storedEnd, storedStart, periodLength.Ticks] : [storedStart, storedEnd];
        Func<string, string, string> sumOfTicks = sqlite
            ? (later, earlier) => $"COALESCE(SUM({later} - {earlier}), 0)"
            : (later, earlier) => $"COALESCE(CAST(EXTRACT(EPOCH FROM SUM({later} - {earlier})) * 10000000 AS bigint), 0)";
        string service = byService ? "\"Service\"" : "CAST(NULL AS text)";
        string severity = bySeverity ? "\"Severity\"" : "CAST(NULL AS integer)";
        FormattableString sums = FormattableStringFactory.Create($$"""
            SELECT {{period}} AS "Period", {{service}} AS "Service", {{severity}} AS "Severity",
                COUNT(*) AS "Incidents",
                COUNT("AcknowledgedAt") AS "Acknowledged",
                CAST({{sumOfTicks("\"AcknowledgedAt\"", "\"TriggeredAt\"")}} AS bigint) AS "TicksToAcknowledge",
                COUNT("ResolvedAt") AS "Resolved",
                CAST({{sumOfTicks("\"ResolvedAt\"", "\"OpenedAt\"")}} AS bigint) AS "TicksToResolve"
            FROM "Incidents"
            WHERE "OpenedAt" >= {0} AND "OpenedAt" < {1}
            GROUP BY {{groupBy}}, 2, 3
            """,
            arguments);
        return await db.Database.SqlQuery<ResponseSums>(sums).ToListAsync(cancellationToken);
    }

    private static List<PeriodStatistics> PerPeriod(List<ResponseSums> rows, Func<ResponseSums, long> period, StatisticsGrouping grouping) =>
        [.. rows
            .GroupBy(row => (Period: period(row), Group: grouping switch
            {
                StatisticsGrouping.Service => row.Service ?? ResponseStatistics.NoService,
                StatisticsGrouping.Severity => ((Severity)row.Severity!.Value).ToDisplay(),
                _ => "all",
            }))
            .Select(sameGroup => new PeriodStatistics((int)sameGroup.Key.Period, ResponseStatistics.Of(sameGroup.Key.Group, sameGroup)))
            .OrderBy(p => p.Period)
            .ThenBy(p => p.Statistics.Group, StringComparer.Ordinal)];

    /// <summary>The postmortems of the incidents resolved in [from, until), and how many were done <paramref name="within"/> of it: counted by the database.</summary>
    public async Task<PostmortemCompletion> PostmortemCompletionAsync(
        DateTimeOffset from, DateTimeOffset until, TimeSpan within, CancellationToken cancellationToken)
    {
        DateTimeOffset start = from.ToStorable();
        DateTimeOffset end = until.ToStorable();
        bool sqlite = db.Database.IsSqlite();
        // SQLite stores UTC ticks; PostgreSQL subtracts its timestamptz into an interval, which Npgsql passes a TimeSpan as.
        FormattableString counts = FormattableStringFactory.Create("""
            SELECT COUNT(*) AS "Postmortems", COUNT(CASE WHEN "CompletedAt" - "ResolvedAt" <= {0} THEN 1 END) AS "DoneInTime"
            FROM "Postmortems"
            WHERE "ResolvedAt" >= {1} AND "ResolvedAt" < {2}
            """,
            sqlite ? within.Ticks : within,
            sqlite ? start.UtcTicks : start,
            sqlite ? end.UtcTicks : end);
        PostmortemCounts found = (await db.Database.SqlQuery<PostmortemCounts>(counts).ToListAsync(cancellationToken)).Single();
        return new PostmortemCompletion((int)found.Postmortems, (int)found.DoneInTime);
    }

    /// <summary>The incidents whose postmortem is not done <paramref name="within"/> of their resolution as of <paramref name="asOf"/>, the longest overdue first.</summary>
    public async Task<IReadOnlyList<IncidentKey>> OverduePostmortemsAsync(DateTimeOffset asOf, TimeSpan within, CancellationToken cancellationToken)
    {
        DateTimeOffset resolvedBefore = (asOf - within).ToStorable();
        List<long> incidents = await db.Postmortems
            .AsNoTracking()
            .Where(p => p.CompletedAt == null && p.ResolvedAt <= resolvedBefore)
            .OrderBy(p => p.ResolvedAt)
            .Select(p => p.IncidentId)
            .ToListAsync(cancellationToken);
        return [.. incidents.Select(id => new IncidentKey(id))];
    }

    /// <summary>
    /// The incidents opened in [from, until) by alert name (their <c>alertname</c> label), with how many were marked not
    /// actionable: the most marked first, then the most frequent.
    /// </summary>
    public async Task<IReadOnlyList<AlertNoise>> NoiseByAlertAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        DateTimeOffset start = from.ToStorable();
        DateTimeOffset end = until.ToStorable();
        var incidents = await db.Incidents
            .AsNoTracking()
            .Where(i => i.OpenedAt >= start && i.OpenedAt < end)
            .Select(i => new { i.CommonLabels, Noise = i.MarkedNoiseAt != null })
            .ToListAsync(cancellationToken);
        return [.. incidents
            .GroupBy(i => i.CommonLabels.GetValueOrDefault("alertname") ?? AlertNoise.NoAlertName, StringComparer.Ordinal)
            .Select(group => new AlertNoise(group.Key, group.Count(), group.Count(i => i.Noise)))
            .OrderByDescending(alert => alert.MarkedNoise)
            .ThenByDescending(alert => alert.Incidents)
            .ThenBy(alert => alert.AlertName, StringComparer.Ordinal)];
    }

    /// <summary>How the automatic runbook runs started in [from, until) ended; runs still going are left out.</summary>
    public async Task<AutomaticRemediation> AutomaticRemediationAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        DateTimeOffset start = from.ToStorable();
        DateTimeOffset end = until.ToStorable();
        Dictionary<RunStatus, int> outcomes = await db.RunbookRuns
            .AsNoTracking()
            .Where(r => r.Automatic && r.StartedAt >= start && r.StartedAt < end && r.Status != RunStatus.Running)
            .GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        int succeeded = outcomes.GetValueOrDefault(RunStatus.Succeeded);
        return new AutomaticRemediation(succeeded, outcomes.Values.Sum() - succeeded);
    }
}
