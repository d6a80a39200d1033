using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Silences;

/// <summary>The incidents whose Alertmanager silence is still to be lifted.</summary>
public sealed class SilenceQueries(IncidentsDbContext db)
{
    /// <summary>Resolved incidents whose silence was made "until resolved" and is not lifted yet, the longest resolved first.</summary>
    public async Task<IReadOnlyList<(IncidentKey Incident, string SilenceId)>> ToLiftAsync(int limit, CancellationToken cancellationToken)
    {
        var due = await db.Incidents.AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Resolved && i.SilenceUntilResolved && i.SilenceId != null)
            .OrderBy(i => i.ResolvedAt)
            .Take(limit)
            .Select(i => new { i.Id, i.SilenceId })
            .ToListAsync(cancellationToken);
        return [.. due.Select(i => (new IncidentKey(i.Id), i.SilenceId!))];
    }
}
