using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Requests;

/// <summary>
/// Remembers the requests acted on, in the database so that every replica sees them: a signed request replayed while its
/// signature is still accepted is answered without acting again. Keys older than <see cref="KeptFor"/> are pruned as new
/// ones come, at most once a minute per process (<see cref="HandledRequestsPruning"/>).
/// </summary>
public sealed class HandledRequests(IncidentsDbContext db, HandledRequestsPruning pruning, TimeProvider time)
{
    /// <summary>Longer than a request stays acceptable: a chat signature is accepted five minutes either side of its timestamp.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(15);

    /// <summary>True the first time <paramref name="key"/> is seen, on any replica; false for a replay.</summary>
    public async Task<bool> FirstTimeAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, HandledRequest.MaxKeyLength, nameof(key));
        DateTimeOffset now = time.GetStorableUtcNow();
        bool sqlite = db.Database.IsSqlite();
        await using WriteTransaction transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        int inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "HandledRequests" ("Key", "At") VALUES ({key}, {(sqlite ? now.UtcTicks : now)}) ON CONFLICT DO NOTHING""", cancellationToken);
        if (pruning.IsDue(now))
        {
            DateTimeOffset cutoff = now - KeptFor;
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "HandledRequests" WHERE "At" < {(sqlite ? cutoff.UtcTicks : cutoff)}""", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return inserted == 1;
    }
}
