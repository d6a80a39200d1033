using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Reports;

/// <summary>One week's figures, [<paramref name="From"/>, <paramref name="Until"/>), as the weekly report shows them.</summary>
/// <param name="Alerts">The week's incidents by alert name, the most marked not actionable first.</param>
/// <param name="OverduePostmortems">Postmortems not done in time as of <paramref name="Until"/>, whenever their incident was.</param>
public sealed record WeeklyFigures(
    DateTimeOffset From,
    DateTimeOffset Until,
    IReadOnlyList<ResponseStatistics> BySeverity,
    IReadOnlyList<AlertNoise> Alerts,
    AutomaticRemediation Remediation,
    PostmortemCompletion Postmortems,
    IReadOnlyList<IncidentKey> OverduePostmortems)
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Incidents opened in the week and marked not actionable.</summary>
    public int FalsePositives => Alerts.Sum(alert => alert.MarkedNoise);

    /// <summary>The figures of the week that ends at <paramref name="until"/>, from the statistics the dashboard shows too.</summary>
    public static async Task<WeeklyFigures> GatherAsync(
        IncidentStatisticsService statistics, DateTimeOffset until, TimeSpan postmortemWithin, CancellationToken cancellationToken)
    {
        DateTimeOffset from = until - Week;
        return new WeeklyFigures(
            from,
            until,
            await statistics.ComputeAsync(from, until, StatisticsGrouping.Severity, cancellationToken),
            await statistics.NoiseByAlertAsync(from, until, cancellationToken),
            await statistics.AutomaticRemediationAsync(from, until, cancellationToken),
            await statistics.PostmortemCompletionAsync(from, until, postmortemWithin, cancellationToken),
            await statistics.OverduePostmortemsAsync(until, postmortemWithin, cancellationToken));
    }
}
