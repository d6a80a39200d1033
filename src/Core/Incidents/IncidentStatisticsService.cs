using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Incidents;

public sealed class IncidentStatisticsService(IncidentsDbContext db)
{
    /// <summary>MTTA and MTTR of the incidents opened in [from, until).</summary>
    public async Task<IReadOnlyList<ResponseStatistics>> ComputeAsync(
        DateTimeOffset from, DateTimeOffset until, StatisticsGrouping grouping, CancellationToken cancellationToken) =>
        ResponseStatistics.Summarize(await TimesAsync(from, until, cancellationToken), grouping);

    /// <summary>The response times of the incidents opened in [from, until), oldest first.</summary>
    public async Task<IReadOnlyList<IncidentTimes>> TimesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        DateTimeOffset start = from.ToStorable();
        DateTimeOffset end = until.ToStorable();
        return await db.Incidents
            .AsNoTracking()
            .Where(i => i.OpenedAt >= start && i.OpenedAt < end)
            .OrderBy(i => i.OpenedAt)
            .Select(i => new IncidentTimes(i.Service, i.Severity, i.OpenedAt, i.TriggeredAt, i.AcknowledgedAt, i.ResolvedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The postmortems of the incidents resolved in [from, until), and how many were done <paramref name="within"/> of it.</summary>
    public async Task<PostmortemCompletion> PostmortemCompletionAsync(
        DateTimeOffset from, DateTimeOffset until, TimeSpan within, CancellationToken cancellationToken)
    {
        DateTimeOffset start = from.ToStorable();
        DateTimeOffset end = until.ToStorable();
        List<(DateTimeOffset ResolvedAt, DateTimeOffset? CompletedAt)> postmortems = [.. (await db.Postmortems
            .AsNoTracking()
            .Where(p => p.ResolvedAt >= start && p.ResolvedAt < end)
            .Select(p => new { p.ResolvedAt, p.CompletedAt })
            .ToListAsync(cancellationToken)).Select(p => (p.ResolvedAt, p.CompletedAt))];
        return new PostmortemCompletion(postmortems.Count, postmortems.Count(p => p.CompletedAt - p.ResolvedAt <= within));
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
