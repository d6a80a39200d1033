using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// Hands out incidents with undelivered timeline entries, one incident to one dispatcher at a time (a lease),
/// so each incident's messages go out in order even with several replicas. Use one queue (one scope) per claim.
/// </summary>
public sealed class OutboxClaims(IncidentsDbContext db, IOptions<OutboxOptions> options, TimeProvider time)
{
    /// <summary>Alert changes are told many to a line, so they do not count towards <see cref="OutboxOptions.BatchSize"/>; this bounds them instead.</summary>
    private const int MaxAlertChangesPerClaim = 5_000;

    /// <summary>
    /// Leases the incident that has waited longest, or returns null when nothing is due. Its pending entries are at most
    /// <see cref="OutboxOptions.BatchSize"/> entries besides alert changes, with every alert change among them.
    /// </summary>
    public async Task<ClaimedDelivery?> ClaimNextAsync(string owner, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        long? incidentId = await LeaseAsync(owner, now, now + options.Value.Lease, cancellationToken);
        if (incidentId is not { } id)
        {
            return null;
        }
        IncidentDelivery delivery = await db.Deliveries.SingleAsync(d => d.IncidentId == id, cancellationToken);
        Incident incident = await db.Incidents.AsNoTracking().AsSplitQuery()
            .Include(i => i.Alerts.OrderBy(a => a.Id))
            .SingleAsync(i => i.Id == id, cancellationToken);
        IQueryable<TimelineEntry> undelivered = db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == id && e.Id > delivery.DeliveredThroughEntryId);
        long? last = await undelivered
            .Where(e => e.Kind != TimelineEntryKind.AlertFiring && e.Kind != TimelineEntryKind.AlertResolved)
            .OrderBy(e => e.Id)
            .Skip(options.Value.BatchSize - 1)
            .Select(e => (long?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        List<TimelineEntry> pending = await undelivered
            .Where(e => last == null || e.Id <= last)
            .OrderBy(e => e.Id)
            .Take(options.Value.BatchSize + MaxAlertChangesPerClaim)
            .ToListAsync(cancellationToken);
        return new ClaimedDelivery(incident, delivery, pending);
    }

    /// <summary>
    /// Writes on the incident's timeline that chat refused part of its delivery for good (<paramref name="text"/> says what);
    /// stored with the next <see cref="SaveAsync"/>. The entry changes nothing in the incident, so it does not bump its version.
    /// </summary>
    public void RecordRefusal(IncidentKey incident, string text) =>
        db.TimelineEntries.Add(TimelineEntry.DeliveryRefused(incident.Number, text, time.GetStorableUtcNow()));

    /// <summary>Stores the progress made on a claimed delivery (channel created, entries delivered, release).</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    private async Task<long?> LeaseAsync(string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        List<long> leased = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<long>($"""
                UPDATE "IncidentDeliveries" SET "LeaseOwner" = {owner}, "LeaseUntil" = {until}
                WHERE "IncidentId" = (
                    SELECT d."IncidentId" FROM "IncidentDeliveries" d
                    WHERE d."NextAttemptAt" <= {now} AND (d."LeaseUntil" IS NULL OR d."LeaseUntil" < {now})
                      AND EXISTS (SELECT 1 FROM "TimelineEntries" e WHERE e."IncidentId" = d."IncidentId" AND e."Id" > d."DeliveredThroughEntryId")
                    ORDER BY d."NextAttemptAt", d."IncidentId"
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING "IncidentId" AS "Value"
                """).ToListAsync(cancellationToken)
            : await LeaseOnSqliteAsync(owner, now, until, cancellationToken);
        return leased.Count == 0 ? null : leased[0];
    }

    private async Task<List<long>> LeaseOnSqliteAsync(string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using WriteTransaction transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        List<long> leased = await db.Database.SqlQuery<long>($"""
                UPDATE "IncidentDeliveries" SET "LeaseOwner" = {owner}, "LeaseUntil" = {until.UtcTicks}
                WHERE "IncidentId" = (
                    SELECT d."IncidentId" FROM "IncidentDeliveries" d
                    WHERE d."NextAttemptAt" <= {now.UtcTicks} AND (d."LeaseUntil" IS NULL OR d."LeaseUntil" < {now.UtcTicks})
                      AND EXISTS (SELECT 1 FROM "TimelineEntries" e WHERE e."IncidentId" = d."IncidentId" AND e."Id" > d."DeliveredThroughEntryId")
                    ORDER BY d."NextAttemptAt", d."IncidentId"
                    LIMIT 1)
                RETURNING "IncidentId" AS "Value"
                """).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return leased;
    }
}
