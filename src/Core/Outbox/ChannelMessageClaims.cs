using System.Runtime.CompilerServices;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// Hands out channel messages (<see cref="ChannelMessage"/>) in the order they were written, one at a time across replicas:
/// only the oldest message still to be posted, once it is due and nobody leases it. Use one per claim (one scope).
/// </summary>
public sealed class ChannelMessageClaims(IncidentsDbContext db, IOptions<OutboxOptions> options, TimeProvider time)
{
    /// <summary>Leases the oldest message still to be posted, or returns null when it is not due yet, is leased, or there is none.</summary>
    public async Task<ChannelMessage?> ClaimNextAsync(string owner, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        bool sqlite = db.Database.IsSqlite();
        // On PostgreSQL a replica leasing the same row at once waits for the other's update and then finds it leased.
        FormattableString lease = FormattableStringFactory.Create("""
            UPDATE "ChannelMessages" SET "LeaseOwner" = {0}, "LeaseUntil" = {1}
            WHERE "Id" = (SELECT m."Id" FROM "ChannelMessages" m WHERE m."FinishedAt" IS NULL ORDER BY m."Id" LIMIT 1)
              AND "NextAttemptAt" <= {2} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {2})
            RETURNING "Id" AS "Value"
            """, owner, sqlite ? (now + options.Value.Lease).UtcTicks : now + options.Value.Lease, sqlite ? now.UtcTicks : now);
        List<long> leased = await WriteTransaction.LeaseAsync(db, lease, cancellationToken);
        return leased is [long id] ? await db.ChannelMessages.SingleAsync(m => m.Id == id, cancellationToken) : null;
    }

    /// <summary>Stores the outcome of a claim: posted, refused, or put off.</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
