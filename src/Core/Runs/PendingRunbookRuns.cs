using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Runs;

/// <summary>Confirmations waiting for their person: stored when shown, consumed atomically when confirmed, so each runs once.</summary>
public sealed class PendingRunbookRuns(IncidentsDbContext db, TimeProvider time)
{
    /// <summary>Consumed and expired confirmations are kept this long after they expire, then deleted.</summary>
    private static readonly TimeSpan s_kept = TimeSpan.FromDays(1);

    public async Task<Guid> AddAsync(
        string runbookId, long? incidentId, IReadOnlyDictionary<string, string> parameters, string requestedBy, TimeSpan expiresAfter, CancellationToken cancellationToken)
    {
        var pending = new PendingRunbookRun(runbookId, incidentId, parameters, requestedBy, (time.GetUtcNow() + expiresAfter).ToStorable());
        db.PendingRunbookRuns.Add(pending);
        await db.SaveChangesAsync(cancellationToken);
        return pending.Id;
    }

    /// <summary>The pending run, consumed by this call; null when it is not <paramref name="user"/>'s, expired or already used.</summary>
    public async Task<PendingRunbookRun?> ConsumeAsync(Guid id, string user, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        int consumed = await db.PendingRunbookRuns
            .Where(p => p.Id == id && p.RequestedBy == user && p.ConsumedAt == null && p.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.ConsumedAt, now), cancellationToken);
        return consumed == 1 ? await db.PendingRunbookRuns.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken) : null;
    }

    /// <summary>Deletes confirmations that expired more than a day ago.</summary>
    public Task<int> DeleteOldAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset before = (time.GetUtcNow() - s_kept).ToStorable();
        return db.PendingRunbookRuns.Where(p => p.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
