using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// Tells the open pages' change streams that timeline entries were committed, by any replica: this process's commits at once
/// (the signal that wakes the Slack dispatcher), other replicas' within <see cref="PollInterval"/>, by reading the newest
/// timeline entry's id while at least one stream listens: one query per process, however many pages are open.
/// </summary>
internal sealed partial class DashboardChangeFeed(
    OutboxSignal outbox, IServiceScopeFactory scopes, TimeProvider time, ILogger<DashboardChangeFeed> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    private readonly CommitSignal _changes = new();
    private readonly CommitSignal _listenerCame = new();
    private int _listeners;

    /// <summary>Completes at the first change after it was read: read it before showing what is, then await it.</summary>
    public Task NextChange => _changes.NextNotification;

    /// <summary>Counts a stream as listening until the result is disposed.</summary>
    public IDisposable Listen()
    {
        Interlocked.Increment(ref _listeners);
        _listenerCame.Notify();
        return new Listener(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? newestSeen = await NewestTimelineEntryAsync(stoppingToken); // so that a stream opened later learns of what comes after
        Task stopped = Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken);
        Task committedHere = outbox.TimelineEntries.NextNotification;
        Task listenerCame = _listenerCame.NextNotification;
        Task? pollDue = null;
        while (true)
        {
            if (pollDue is null && Volatile.Read(ref _listeners) > 0)
            {
                pollDue = Task.Delay(PollInterval, time, stoppingToken); // the clock is waited on only while a stream listens
            }
            await Task.WhenAny(committedHere, listenerCame, pollDue ?? stopped, stopped);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (listenerCame.IsCompleted)
            {
                listenerCame = _listenerCame.NextNotification; // read before the listeners are counted again
            }
            bool here = committedHere.IsCompleted;
            if (here)
            {
                committedHere = outbox.TimelineEntries.NextNotification; // before telling, so no commit falls between two waits
            }
            bool polled = pollDue?.IsCompleted == true;
            if (polled)
            {
                pollDue = null;
            }
            if (!here && !polled)
            {
                continue; // a stream came: the poll starts
            }
            // No stream, no query. With one, read before telling of this process's commit, so that only later entries (another
            // replica's) count as new; entries added while no stream listened make one change for the next stream.
            long? newest = Volatile.Read(ref _listeners) > 0 ? await NewestTimelineEntryAsync(stoppingToken) : null;
            if (here || newest > newestSeen)
            {
                _changes.Notify();
            }
            newestSeen = newest ?? newestSeen;
        }
    }

    /// <summary>The id of the newest timeline entry (0 when there is none), or null when the database could not be read.</summary>
    private async Task<long?> NewestTimelineEntryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
            return await db.TimelineEntries.MaxAsync(entry => (long?)entry.Id, cancellationToken) ?? 0;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPollFailed(logger, exception); // the next round tries again
            return null;
        }
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Could not read the newest timeline entry for the dashboard's live updates; trying again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    private sealed class Listener(DashboardChangeFeed feed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref feed._listeners);
            }
        }
    }
}
