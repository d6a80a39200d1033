using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Slos;

/// <summary>The incidents an SLO's burn-rate alerts opened, with the budget each found and left.</summary>
public sealed class SloIncidents(IncidentsDbContext db)
{
    /// <summary>The most incidents one SLO shows.</summary>
    public const int Limit = 20;

    /// <summary>The latest incidents of the SLO with Sloth id <paramref name="sloId"/>, newest first.</summary>
    public async Task<IReadOnlyList<Incident>> LatestAsync(string sloId, CancellationToken cancellationToken) =>
        await db.Incidents.AsNoTracking()
            .Where(i => i.Slo != null && i.Slo.SloId == sloId)
            .OrderByDescending(i => i.Id)
            .Take(Limit)
            .ToListAsync(cancellationToken);
}
