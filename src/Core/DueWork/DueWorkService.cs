using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Core.DueWork;

/// <summary>
/// Work that comes due for an incident at a time the incident database holds (<see cref="IDueWork"/>), of every kind
/// (<see cref="IDueWorkKind"/>): wakes the scheduler after the commit that changed it, fires it when due, sweeps up what a lost
/// wake-up left overdue, and measures how late it fired. A firing is one transaction that also moves its incident's version
/// on, so replicas woken for the same work at once cannot both fire it: the one that loses the race redoes its transaction,
/// finds the work no longer due, and does nothing.
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
        string kind = _kinds.First(candidate => candidate.Owns(work)).Name;
        try
        {
            if (work.DueAt is { } dueAt)
            {
                await scheduler.ScheduleAsync(kind, work.Incident.Key, dueAt, cancellationToken);
            }
            else
            {
                await scheduler.CancelAsync(kind, work.Incident.Key, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSchedulingFailed(logger, kind, work.Incident.Key, exception);
        }
    }

    /// <summary>Fires the incident's work of <paramref name="kind"/> if it is due; false when there was nothing to fire.</summary>
    public Task<bool> FireDueAsync(string kind, IncidentKey incident, CancellationToken cancellationToken) =>
        FireIfDueAsync(_kinds.Single(candidate => candidate.Name == kind), incident, cancellationToken);

    /// <summary>The overdue sweep: fires all work of every kind more than <see cref="OverdueAfter"/> late. Returns how much fired.</summary>
    public async Task<int> FireOverdueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = time.GetStorableUtcNow() - OverdueAfter;
        int fired = 0;
        foreach (IDueWorkKind kind in _kinds)
        {
            foreach (long id in await kind.OverdueAsync(cutoff, cancellationToken))
            {
                var incident = new IncidentKey(id);
                if (await FireIfDueAsync(kind, incident, cancellationToken))
                {
                    fired++;
                    metrics.OverdueFired(kind.Name);
                    LogOverdueFired(logger, kind.Name, incident);
                }
            }
        }
        return fired;
    }

    private async Task<bool> FireIfDueAsync(IDueWorkKind kind, IncidentKey incident, CancellationToken cancellationToken)
    {
        Firing? fired = await db.WriteAsync<Firing?>(
            async token =>
            {
                DateTimeOffset now = time.GetStorableUtcNow();
                if (await kind.FireIfDueAsync(incident, now, token) is not { } due)
                {
                    return null;
                }
                due.Work.Incident.Touch();
                await db.SaveChangesAsync(token);
                return new Firing(due.Work, due.DueAt, now);
            },
            cancellationToken);
        if (fired is null)
        {
            return false;
        }
        metrics.Fired(kind.Name, fired.At - fired.DueAt);
        await WakeAsync(fired.Work, cancellationToken);
        return true;
    }

    private sealed record Firing(IDueWork Work, DateTimeOffset DueAt, DateTimeOffset At);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "The safety net fired the overdue {Kind} of {Incident}: its trigger was late or lost")]
    private static partial void LogOverdueFired(ILogger logger, string kind, IncidentKey incident);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Could not schedule the next {Kind} of {Incident}; the safety net will fire it")]
    private static partial void LogSchedulingFailed(ILogger logger, string kind, IncidentKey incident, Exception exception);
}
