using ChatOpsIncidents.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// The loop of a Slack delivery lane: claims and delivers one piece of work after another. When nothing is due it waits
/// until this process commits new work for the lane (<paramref name="committed"/>) or the poll interval passed (other replicas'
/// commits, retries). A failed attempt is put off with a growing delay (or Slack's Retry-After) and never dropped.
/// </summary>
internal abstract partial class SlackDispatcher(
    IOptions<SlackOptions> slackOptions,
    IOptions<OutboxOptions> outboxOptions,
    CommitSignal committed,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_longestRetry = TimeSpan.FromMinutes(5);

    protected TimeProvider Time { get; } = time;

    protected SlackOptions SlackSettings => slackOptions.Value;

    /// <summary>This process's commits of work for the lane.</summary>
    protected CommitSignal Committed => committed;

    /// <summary>Who holds the leases this process takes.</summary>
    protected string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Whether the lane runs: a Slack lane only with Slack on.</summary>
    protected virtual bool Enabled => slackOptions.Value.Enabled;

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

    [LoggerMessage(EventId = 2205, Level = LogLevel.Error, Message = "A Slack delivery round of {Lane} failed; it will be retried")]
    private static partial void LogRoundFailed(ILogger logger, string lane, Exception exception);
}
