using ChatOpsIncidents.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Core.DueWork;

/// <summary>
/// Work that comes due at a time the incident database holds (<see cref="IDueWork"/>), of every kind
/// (<see cref="IDueWorkKind"/>): wakes the scheduler after the commit that changed it, fires it when due, sweeps up what a lost
/// wake-up left overdue, and measures how late it fired. A firing is one transaction that moves the work's due time on, its
/// concurrency token, so replicas woken for the same work at once cannot both fire it: the one that loses the race redoes its
/// transaction, finds the work no longer due, and does nothing.
/// </summary>
public sealed partial class DueWorkService(
    IncidentsDbContext db,
    IEnumerable<IDueWorkKind> kinds,
    IDueWorkScheduler scheduler,
    DueWorkMetrics metrics,
    TimeProvider time,
    ILogger<DueWorkService> logger)
{
    /// <summary>Work this late is fired by the overdue sweep: its trigger was lost, or the node that had it died.</summary>
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromMinutes(1);

    private readonly IDueWorkKind[] _kinds = [.. kinds];

    /// <summary>After the commit that changed <paramref name="work"/>: tells the scheduler when it is next due, or that it is not.</summary>
    internal async Task WakeAsync(IDueWork work, CancellationToken cancellationToken)
    {
        IDueWorkKind kind = _kinds.First(candidate => candidate.Owns(work));
        string key = kind.KeyOf(work);
        try
        {
            if (work.DueAt is { } dueAt)
            {
                await scheduler.ScheduleAsync(kind.Name, key, dueAt, cancellationToken);
            }
            else
            {
                await scheduler.CancelAsync(kind.Name, key, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSchedulingFailed(logger, kind.Name, key, exception);
        }
    }

    /// <summary>Fires the work of <paramref name="kind"/> named <paramref name="key"/> if it is due; false when there was nothing to fire.</summary>
    public Task<bool> FireDueAsync(string kind, string key, CancellationToken cancellationToken) =>
        FireIfDueAsync(_kinds.Single(candidate => candidate.Name == kind), key, cancellationToken);

    /// <summary>The overdue sweep: fires all work of every kind more than <see cref="OverdueAfter"/> late. Returns how much fired.</summary>
    public async Task<int> FireOverdueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = time.GetStorableUtcNow() - OverdueAfter;
        int fired = 0;
        foreach (IDueWorkKind kind in _kinds)
        {
            foreach (string key in await kind.OverdueAsync(cutoff, cancellationToken))
            {
                if (await FireIfDueAsync(kind, key, cancellationToken))
                {
                    fired++;
                    metrics.OverdueFired(kind.Name);
                    LogOverdueFired(logger, kind.Name, key);
                }
            }
        }
        return fired;
    }

    private async Task<bool> FireIfDueAsync(IDueWorkKind kind, string key, CancellationToken cancellationToken)
    {
        (DueWorkFiring Due, DateTimeOffset At)? woken = await db.WriteAsync<(DueWorkFiring, DateTimeOffset)?>(
            async token =>
            {
                DateTimeOffset now = time.GetStorableUtcNow();
                if (await kind.FireIfDueAsync(key, now, token) is not { } due)
                {
                    return null;
                }
                if (due.Fired)
                {
                    await db.SaveChangesAsync(token);
                }
                return (due, now);
            },
            cancellationToken);
        if (woken is not ({ } due, DateTimeOffset at))
        {
            return false;
        }
        if (!due.Fired)
        {
            // Woken early: replicas that moved the due time on at once told the scheduler in another order than they committed.
            await WakeAsync(due.Work, cancellationToken);
            return false;
        }
        metrics.Fired(kind.Name, at - due.DueAt);
        IDueWork followedThrough = await kind.FollowThroughAsync(due.Work, cancellationToken) ?? due.Work;
        foreach (IDueWork work in due.Started.Prepend(followedThrough))
        {
            await WakeAsync(work, cancellationToken);
        }
        return true;
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "The safety net fired the overdue {Kind} of {Key}: its trigger was late or lost")]
    private static partial void LogOverdueFired(ILogger logger, string kind, string key);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Could not schedule the next {Kind} of {Key}; the safety net will fire it")]
    private static partial void LogSchedulingFailed(ILogger logger, string kind, string key, Exception exception);
}
