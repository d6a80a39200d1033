using System.Runtime.CompilerServices;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Storms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// Hands out incidents with undelivered timeline entries, one incident to one dispatcher at a time (a lease),
/// so each incident's messages go out in order even with several replicas: the most severe first, then the one that has
/// waited longest. Use one queue (one scope) per claim.
/// </summary>
public sealed class OutboxClaims(IncidentsDbContext db, IOptions<OutboxOptions> options, IOptions<StormOptions> stormOptions, TimeProvider time)
{
    /// <summary>
    /// Alert changes are told many to a line, and incidents joining a storm many to a message of its roll, so they do not
    /// count towards <see cref="OutboxOptions.BatchSize"/> (<see cref="TimelineEntry.IsToldInBulk"/>); this bounds them instead.
    /// </summary>
    private const int MaxAlertChangesPerClaim = 5_000;

    /// <summary>What people write (as stored): their news ends a wait for more alert news (a delivery held back without an error).</summary>
    private const string SlackUser = nameof(ActorKind.SlackUser);
    private const string Api = nameof(ActorKind.Api);
    private const string WebUser = nameof(ActorKind.WebUser);

    /// <summary>
    /// Leases the most severe incident with something due (undelivered entries, or a topic change held back until now; a person's
    /// news at once, even while the delivery waits for more alert news), the one that has waited longest among equals, or returns null
    /// when nothing is due. Incidents <paramref name="ownChannelsThrough"/> this severity (or more severe) get a chat channel of
    /// their own; without <paramref name="channelsMayBeCreated"/> (chat's budget for new channels is spent for now), only
    /// incidents that need no new channel are handed out (those of a storm less severe than Storms:OwnChannelsThrough live in
    /// the storm's channel), so their news need not wait for that budget. The claim's pending
    /// entries are at most <see cref="OutboxOptions.BatchSize"/> entries besides those told in bulk, with every one of those among them.
    /// </summary>
    public async Task<ClaimedDelivery?> ClaimNextAsync(
        string owner, Severity ownChannelsThrough, bool channelsMayBeCreated, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        // Channel-less incidents this severe or more wait for the budget (none when it is free): a higher number is less severe.
        int withheldThrough = channelsMayBeCreated ? 0 : (int)ownChannelsThrough;
        int stormWithheldThrough = Math.Min(withheldThrough, (int)stormOptions.Value.OwnChannelsThroughSeverity);
        long? incidentId = await LeaseAsync(owner, withheldThrough, stormWithheldThrough, now, now + options.Value.Lease, cancellationToken);
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
            .Where(e => e.Kind != TimelineEntryKind.AlertFiring && e.Kind != TimelineEntryKind.AlertResolved && e.Kind != TimelineEntryKind.StormMemberAdded)
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

    /// <summary>Whether any incident has something due now (as <see cref="ClaimNextAsync"/> sees it), leased or not: what a claim that found nothing left waiting.</summary>
    public Task<bool> AnyDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        return db.Deliveries.AnyAsync(
            d => (d.LeaseUntil == null || d.LeaseUntil < now)
                && ((d.NextAttemptAt <= now
                        && (d.TopicDueAt <= now || db.TimelineEntries.Any(e => e.IncidentId == d.IncidentId && e.Id > d.DeliveredThroughEntryId)))
                    || (d.LastError == null && d.CardMessageId != null && db.TimelineEntries.Any(
                        e => e.IncidentId == d.IncidentId && e.Id > d.DeliveredThroughEntryId
                            && (e.ActorKind == ActorKind.SlackUser || e.ActorKind == ActorKind.Api || e.ActorKind == ActorKind.WebUser)))),
            cancellationToken);
    }

    /// <summary>
    /// Writes on the incident's timeline that chat refused part of its delivery for good (<paramref name="text"/> says what);
    /// stored with the next <see cref="SaveAsync"/>. The entry changes nothing in the incident, so it does not bump its version.
    /// </summary>
    public void RecordRefusal(IncidentKey incident, string text) =>
        db.TimelineEntries.Add(TimelineEntry.DeliveryRefused(incident.Number, text, time.GetStorableUtcNow()));

    /// <summary>
    /// Has the storm <paramref name="storm"/> looked at again by <paramref name="at"/> with nothing new on its timeline, for its
    /// card to show what changed in its incidents (a channel of their own, their status); sooner when it is already due sooner.
    /// </summary>
    public Task LookAgainAtAsync(IncidentKey storm, DateTimeOffset at, CancellationToken cancellationToken)
    {
        DateTimeOffset due = at.ToStorable();
        return db.Deliveries
            .Where(d => d.IncidentId == storm.Number && (d.TopicDueAt == null || d.TopicDueAt > due))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.TopicDueAt, due), cancellationToken);
    }

    /// <summary>Stores the progress made on a claimed delivery (channel created, entries delivered, release).</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>
    /// One statement picks the incident and leases it. On PostgreSQL a delivery another replica is leasing at the same moment is
    /// skipped (SKIP LOCKED); SQLite's write transaction lets one claim run at a time.
    /// </summary>
    private async Task<long?> LeaseAsync(string owner, int withheldThrough, int stormWithheldThrough, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        bool sqlite = db.Database.IsSqlite();
        string skipLocked = sqlite ? "" : "FOR UPDATE OF d SKIP LOCKED";
        FormattableString lease = FormattableStringFactory.Create($$"""
            UPDATE "IncidentDeliveries" SET "LeaseOwner" = {0}, "LeaseUntil" = {1}
            WHERE "IncidentId" = (
                SELECT d."IncidentId" FROM "IncidentDeliveries" d JOIN "Incidents" i ON i."Id" = d."IncidentId"
                WHERE (d."LeaseUntil" IS NULL OR d."LeaseUntil" < {2})
                  AND (d."ChannelId" IS NOT NULL OR i."Severity" > {3}
                    OR (i."StormIncidentId" IS NOT NULL AND NOT i."OwnChannel" AND i."Severity" > {6}))
                  AND ((d."NextAttemptAt" <= {2}
                      AND (d."TopicDueAt" <= {2}
                        OR EXISTS (SELECT 1 FROM "TimelineEntries" e WHERE e."IncidentId" = d."IncidentId" AND e."Id" > d."DeliveredThroughEntryId")))
                    OR (d."LastError" IS NULL AND d."CardMessageId" IS NOT NULL
                      AND EXISTS (SELECT 1 FROM "TimelineEntries" e WHERE e."IncidentId" = d."IncidentId" AND e."Id" > d."DeliveredThroughEntryId"
                        AND e."ActorKind" IN ({4}, {5}, {7}))))
                ORDER BY i."Severity", d."NextAttemptAt", d."IncidentId"
                LIMIT 1
                {{skipLocked}})
            RETURNING "IncidentId" AS "Value"
            """, owner, sqlite ? until.UtcTicks : until, sqlite ? now.UtcTicks : now, withheldThrough, SlackUser, Api, stormWithheldThrough, WebUser);
        List<long> leased = await WriteTransaction.LeaseAsync(db, lease, cancellationToken);
        return leased.Count == 0 ? null : leased[0];
    }
}
