using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// Open incidents by severity and status. The count comes from the database, so it is right across replicas and
/// restarts; it is queried by <see cref="RefreshAsync"/> before each scrape (one grouped count over an index) rather
/// than inside the gauge callback, which must not block. Every severity and open status is reported, zero included,
/// so alert rules see a series drop to 0 instead of vanish.
/// </summary>
public sealed class OpenIncidentsGauge : IMetricsRefresher
{
    private static readonly IncidentStatus[] s_openStatuses = [IncidentStatus.Triggered, IncidentStatus.Acknowledged];

    private readonly IServiceScopeFactory _scopes;
    private IReadOnlyList<Measurement<long>> _counts = [];

    public OpenIncidentsGauge(IMeterFactory meters, IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        meters.Create(IncidentMetrics.MeterName).CreateObservableGauge(
            "chatops.incidents.open", () => _counts, "{incident}", "Incidents not resolved yet, as of the latest scrape.");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        var open = await db.Incidents
            .Where(i => i.Status != IncidentStatus.Resolved)
            .GroupBy(i => new { i.Severity, i.Status })
            .Select(g => new { g.Key.Severity, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        _counts = [.. Enum.GetValues<Severity>().SelectMany(severity => s_openStatuses.Select(status => new Measurement<long>(
            open.Where(o => o.Severity == severity && o.Status == status).Sum(o => o.Count),
            new KeyValuePair<string, object?>("severity", severity.ToDisplay()),
            new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()))))];
    }
}
