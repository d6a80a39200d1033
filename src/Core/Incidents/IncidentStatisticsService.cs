using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Incidents;

public sealed class IncidentStatisticsService(IncidentsDbContext db)
{
    /// <summary>MTTA and MTTR of the incidents opened in [from, until).</summary>
    public async Task<IReadOnlyList<ResponseStatistics>> ComputeAsync(
        DateTimeOffset from, DateTimeOffset until, StatisticsGrouping grouping, CancellationToken cancellationToken)
    {
        DateTimeOffset start = from.ToStorable();
        DateTimeOffset end = until.ToStorable();
        List<IncidentTimes> times = await db.Incidents
            .AsNoTracking()
            .Where(i => i.OpenedAt >= start && i.OpenedAt < end)
            .Select(i => new IncidentTimes(i.Service, i.Severity, i.OpenedAt, i.TriggeredAt, i.AcknowledgedAt, i.ResolvedAt))
            .ToListAsync(cancellationToken);
        return ResponseStatistics.Summarize(times, grouping);
    }
}
