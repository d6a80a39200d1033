using ChatOpsIncidents.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Outbox;

/// <summary>
/// The loop of a delivery lane (incidents, pages and channel messages to Slack; pages to the other notification channels):
/// claims and delivers one piece of work after another, each lane supplying its claim and delivery in
/// <see cref="DeliverNextAsync"/>. When nothing is due it waits until this process commits new work for the lane
/// (<paramref name="committed"/>) or the poll interval passed (other replicas' commits, retries). A failed attempt is put off
/// with a growing delay (<see cref="Backoff"/>, or the receiver's Retry-After) and never dropped.
/// </summary>
internal abstract partial class OutboxLane(
    IOptions<OutboxOptions> outboxOptions,
    CommitSignal committed,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_longestRetry = TimeSpan.FromMinutes(5);

    protected TimeProvider Time { get; } = time;

    /// <summary>This process's commits of work for the lane.</summary>
    protected CommitSignal Committed => committed;

    /// <summary>Who holds the leases this process takes.</summary>
    protected string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Whether the lane runs (a Slack lane only with Slack on).</summary>
    protected abstract bool Enabled { get; }

    /// <summary>Claims one piece of due work and delivers it; false when nothing was due.</summary>
    public abstract Task<bool> DeliverNextAsync(CancellationToken cancellationToken);

    protected static TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromTicks(Math.Min(s_longestRetry.Ticks, s_firstRetry.Ticks << Math.Min(failedAttempts, 16)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            Task next = committed.NextNotification; // before looking, so that a commit in between is not missed
            bool delivered;
            try
            {
                delivered = await DeliverNextAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database itself failed (a claim or a save): nothing was lost, the lease runs out and a later round retries.
                LogRoundFailed(logger, GetType().Name, exception);
                delivered = false;
            }
            if (!delivered)
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                Task polled = Task.Delay(outboxOptions.Value.PollInterval, Time, poll.Token);
                await Task.WhenAny(next, polled);
                await poll.CancelAsync();
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
    }

    [LoggerMessage(EventId = 2205, Level = LogLevel.Error, Message = "A delivery round of {Lane} failed; it will be retried")]
    private static partial void LogRoundFailed(ILogger logger, string lane, Exception exception);
}
