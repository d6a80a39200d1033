using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Maintenance;

/// <summary>Keeps the announcements of maintenance windows (<see cref="MaintenanceAnnouncements"/>) to the windows made and cancelled.</summary>
public sealed class MaintenanceWindowService(IncidentsDbContext db, DueWorkService dueWork, TimeProvider time)
{
    /// <summary>
    /// After the window's silence <paramref name="silenceId"/> was made: its start and end are to be announced. Once per window: one
    /// the bot keeps already (another replica took it on first) stays as it is.
    /// </summary>
    public async Task AddedAsync(
        string silenceId, string matchers, string reason, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, CancellationToken cancellationToken)
    {
        MaintenanceWindow? added = await db.WriteAsync(
            async token =>
            {
                if (await db.MaintenanceWindows.AnyAsync(w => w.SilenceId == silenceId, token))
                {
                    return null;
                }
                var window = new MaintenanceWindow(silenceId, matchers, reason, startsAt.ToStorable(), endsAt.ToStorable(), createdBy);
                db.MaintenanceWindows.Add(window);
                await db.SaveChangesAsync(token);
                return window;
            },
            cancellationToken);
        if (added is not null)
        {
            await dueWork.WakeAsync(added, cancellationToken);
        }
    }

    /// <summary>Which of the windows <paramref name="silenceIds"/> the bot keeps (cancelled and fully announced ones included).</summary>
    public async Task<IReadOnlySet<string>> KeptAsync(IReadOnlyCollection<string> silenceIds, CancellationToken cancellationToken) =>
        (await db.MaintenanceWindows.Where(w => silenceIds.Contains(w.SilenceId)).Select(w => w.SilenceId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// After <paramref name="cancelledBy"/> expired the window's silence: nothing more is announced, but its early end when it was
    /// under way. A window made before the bot kept them has no row and is announced nothing.
    /// </summary>
    public async Task CancelledAsync(string silenceId, string cancelledBy, CancellationToken cancellationToken)
    {
        MaintenanceWindow? cancelled = await db.WriteAsync(
            async token =>
            {
                if (await db.MaintenanceWindows.SingleOrDefaultAsync(w => w.SilenceId == silenceId, token) is not { } window)
                {
                    return null;
                }
                DateTimeOffset now = time.GetStorableUtcNow();
                if (window.Cancel(cancelledBy, now) is { } endedEarly)
                {
                    db.ChannelMessages.Add(new ChannelMessage(null, endedEarly, now));
                }
                await db.SaveChangesAsync(token);
                return window;
            },
            cancellationToken);
        if (cancelled is not null)
        {
            await dueWork.WakeAsync(cancelled, cancellationToken);
        }
    }
}
