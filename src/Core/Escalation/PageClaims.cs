using System.Runtime.CompilerServices;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// Hands out due pages one person at a time: all of that person's due pages under one lease, so they leave as one message;
/// never a person another dispatcher (of several replicas) is messaging right now, nor one messaged within the last
/// <see cref="MessageInterval"/>. Then the sent messages to edit, one at a time. Use one scope per claim.
/// </summary>
public sealed class PageClaims(IncidentsDbContext db, IOptions<OutboxOptions> options, TimeProvider time)
{
    /// <summary>Most pages leased at once; a person with more gets the rest in the next message.</summary>
    private const int MaxPagesPerClaim = 200;

    /// <summary>
    /// Slack takes about one message a second into a conversation. A person's pages that fall due within a second of the last
    /// message to them wait for the second to pass and then leave together, rather than one by one behind Slack's pacing.
    /// </summary>
    public static readonly TimeSpan MessageInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Leases the due pages of the person with the most severe page due, the one whose page has waited longest among equals,
    /// or returns null when nothing is due.
    /// </summary>
    public async Task<ClaimedPages?> ClaimNextAsync(string owner, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        List<long> leased = await LeaseAsync(owner, now, now + options.Value.Lease, cancellationToken);
        if (leased.Count == 0)
        {
            return null;
        }
        List<Page> pages = await db.Pages.Include(p => p.Incident)
            .Where(p => leased.Contains(p.Id))
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);
        return new ClaimedPages(pages[0].Recipient, pages, await ChannelsAsync(pages, cancellationToken));
    }

    /// <summary>
    /// Leases the open pages of one sent message that an incident no longer triggered has made due for an edit (the one
    /// waiting longest), or returns null when no message is due.
    /// </summary>
    public async Task<ClaimedPageMessage?> ClaimNextMessageAsync(string owner, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        List<long> leased = await LeaseMessageAsync(owner, now, now + options.Value.Lease, cancellationToken);
        if (leased.Count == 0)
        {
            return null;
        }
        Page first = await db.Pages.SingleAsync(p => p.Id == leased[0], cancellationToken);
        List<Page> pages = await db.Pages.Include(p => p.Incident)
            .Where(p => p.MessageChannel == first.MessageChannel && p.MessageTs == first.MessageTs)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);
        return new ClaimedPageMessage(
            first.MessageChannel!, first.MessageTs!, pages, [.. pages.Where(p => leased.Contains(p.Id))], await ChannelsAsync(pages, cancellationToken));
    }

    /// <summary>
    /// Leases one page of the notification channels beside Slack that is due: to be sent, or (on a channel that follows the
    /// incident) sent and due for telling its receiver the incident's new status. The one waiting longest first; null when
    /// none is due.
    /// </summary>
    public async Task<Page?> ClaimNextNotificationAsync(string owner, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        bool sqlite = db.Database.IsSqlite();
        string skipLocked = sqlite ? "" : "FOR UPDATE OF p SKIP LOCKED";
        FormattableString lease = FormattableStringFactory.Create($$"""
            UPDATE "Pages" SET "LeaseOwner" = {0}, "LeaseUntil" = {1}
            WHERE "Id" = (
                SELECT p."Id" FROM "Pages" p JOIN "Incidents" i ON i."Id" = p."IncidentId"
                WHERE p."Channel" <> 'Slack' AND p."NextAttemptAt" <= {2} AND (p."LeaseUntil" IS NULL OR p."LeaseUntil" < {2})
                  AND (p."FinishedAt" IS NULL
                       OR (p."StatusTold" IS NOT NULL AND p."StatusTold" <> 'Resolved' AND p."StatusTold" <> i."Status"))
                ORDER BY p."NextAttemptAt", p."Id"
                LIMIT 1
                {{skipLocked}})
              AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {2})
            RETURNING "Id" AS "Value"
            """, owner, sqlite ? (now + options.Value.Lease).UtcTicks : (object)(now + options.Value.Lease), sqlite ? now.UtcTicks : (object)now);
        List<long> leased = await WriteTransaction.LeaseAsync(db, lease, cancellationToken);
        return leased.Count == 0 ? null : await db.Pages.Include(p => p.Incident).SingleAsync(p => p.Id == leased[0], cancellationToken);
    }

    /// <summary>Hands a Slack user group's claimed pages on to its members: one page each, due when the group's was.</summary>
    public void HandOn(IReadOnlyList<Page> groupPages, IReadOnlyList<string> members, DateTimeOffset now)
    {
        foreach (Page page in groupPages)
        {
            db.Pages.AddRange(members.Distinct(StringComparer.Ordinal).Select(member => page.HandOnTo(member, now)));
            page.Finish(PageOutcome.HandedOn, now);
        }
    }

    /// <summary>Stores the outcome of a claim: pages finished, or released for a retry.</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    private async Task<Dictionary<long, string>> ChannelsAsync(List<Page> pages, CancellationToken cancellationToken)
    {
        List<long> incidents = [.. pages.Select(p => p.IncidentId).Distinct()];
        return await db.Deliveries.AsNoTracking()
            .Where(d => incidents.Contains(d.IncidentId) && d.ChannelId != null)
            .ToDictionaryAsync(d => d.IncidentId, d => d.ChannelId!, cancellationToken);
    }

    /// <summary>
    /// One statement picks the message and leases its pages whose button is still there, as <see cref="LeaseAsync"/> does for
    /// a person's due pages.
    /// </summary>
    private Task<List<long>> LeaseMessageAsync(string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        bool sqlite = db.Database.IsSqlite();
        string skipLocked = sqlite ? "" : "FOR UPDATE OF p SKIP LOCKED";
        FormattableString lease = FormattableStringFactory.Create($$"""
            UPDATE "Pages" SET "LeaseOwner" = {0}, "LeaseUntil" = {1}
            WHERE ("MessageChannel", "MessageTs") = (
                SELECT p."MessageChannel", p."MessageTs" FROM "Pages" p JOIN "Incidents" i ON i."Id" = p."IncidentId"
                WHERE p."MessageTs" IS NOT NULL AND p."MessageClosedAt" IS NULL AND i."Status" <> 'Triggered'
                  AND p."NextAttemptAt" <= {2} AND (p."LeaseUntil" IS NULL OR p."LeaseUntil" < {2})
                ORDER BY p."NextAttemptAt", p."Id"
                LIMIT 1
                {{skipLocked}})
              AND "MessageClosedAt" IS NULL AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {2})
            RETURNING "Id" AS "Value"
            """, owner, sqlite ? until.UtcTicks : (object)until, sqlite ? now.UtcTicks : (object)now);
        return WriteTransaction.LeaseAsync(db, lease, cancellationToken);
    }

    /// <summary>
    /// One statement picks the person and leases their pages. On PostgreSQL a page another replica is leasing at the same
    /// moment is skipped (SKIP LOCKED) and the outer condition, checked again after waiting on a row, keeps both from taking
    /// the same page; SQLite's write transaction lets one claim run at a time.
    /// </summary>
    private Task<List<long>> LeaseAsync(string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        bool sqlite = db.Database.IsSqlite();
        object nowValue = sqlite ? now.UtcTicks : now;
        object untilValue = sqlite ? until.UtcTicks : until;
        object pacedSinceValue = sqlite ? (now - MessageInterval).UtcTicks : now - MessageInterval;
        string skipLocked = sqlite ? "" : "FOR UPDATE SKIP LOCKED";
        FormattableString lease = FormattableStringFactory.Create($$"""
            UPDATE "Pages" SET "LeaseOwner" = {0}, "LeaseUntil" = {1}
            WHERE "Id" IN (
                SELECT p."Id" FROM "Pages" p
                WHERE p."FinishedAt" IS NULL AND p."NextAttemptAt" <= {2} AND (p."LeaseUntil" IS NULL OR p."LeaseUntil" < {2})
                  AND p."Channel" = 'Slack' AND p."Recipient" = (
                    SELECT q."Recipient" FROM "Pages" q
                    WHERE q."FinishedAt" IS NULL AND q."NextAttemptAt" <= {2} AND (q."LeaseUntil" IS NULL OR q."LeaseUntil" < {2})
                      AND q."Channel" = 'Slack'
                      AND NOT EXISTS (SELECT 1 FROM "Pages" busy
                                      WHERE busy."Recipient" = q."Recipient" AND busy."Channel" = 'Slack' AND busy."FinishedAt" IS NULL
                                        AND busy."LeaseUntil" >= {2})
                      AND NOT EXISTS (SELECT 1 FROM "Pages" recent
                                      WHERE recent."Recipient" = q."Recipient" AND recent."Channel" = 'Slack' AND recent."FinishedAt" > {4}
                                        AND recent."Outcome" = 'Sent')
                    ORDER BY (SELECT i."Severity" FROM "Incidents" i WHERE i."Id" = q."IncidentId"), q."NextAttemptAt", q."Id"
                    LIMIT 1)
                ORDER BY p."Id"
                LIMIT {3}
                {{skipLocked}})
              AND "FinishedAt" IS NULL AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {2})
            RETURNING "Id" AS "Value"
            """, owner, untilValue, nowValue, MaxPagesPerClaim, pacedSinceValue);
        return WriteTransaction.LeaseAsync(db, lease, cancellationToken);
    }
}
