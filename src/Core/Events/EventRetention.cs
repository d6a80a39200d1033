using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Events;

public sealed class EventRetention(IncidentsDbContext db, TimeProvider time)
{
    /// <summary>Deletes the events received more than <paramref name="retention"/> ago; returns how many.</summary>
    public Task<int> PruneAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = time.GetStorableUtcNow() - retention;
        return db.Events.Where(e => e.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
