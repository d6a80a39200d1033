using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// Delivers every incident's undelivered timeline to Slack, one leased incident at a time. When nothing is due it waits
/// until this process commits something new (<see cref="OutboxSignal"/>) or the poll interval passed (other replicas'
/// commits, retries). A failure releases the incident with a growing delay (or Slack's Retry-After) and never drops anything.
/// </summary>
internal sealed partial class SlackOutboxDispatcher(
    IServiceScopeFactory scopes,
    IOptions<SlackOptions> slackOptions,
    IOptions<OutboxOptions> outboxOptions,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<SlackOutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_longestRetry = TimeSpan.FromMinutes(5);

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!slackOptions.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            Task committed = signal.NextNotification; // before looking, so that a commit in between is not missed
            bool delivered;
            try
            {
                delivered = await DeliverNextAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database itself failed (a claim or a save): nothing was lost, the lease runs out and a later round retries.
                LogRoundFailed(logger, exception);
                delivered = false;
            }
            if (!delivered)
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                Task polled = Task.Delay(outboxOptions.Value.PollInterval, time, poll.Token);
                await Task.WhenAny(committed, polled);
                await poll.CancelAsync();
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Claims one due incident and delivers it; false when nothing was due.</summary>
    public async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        OutboxClaims claims = scope.ServiceProvider.GetRequiredService<OutboxClaims>();
        ClaimedDelivery? claimed = await claims.ClaimNextAsync(_owner, cancellationToken);
        if (claimed is null)
        {
            return false;
        }
        try
        {
            await scope.ServiceProvider.GetRequiredService<SlackIncidentDelivery>().DeliverAsync(claimed, claims, cancellationToken);
            claimed.Delivery.Release(time.GetUtcNow(), error: null);
        }
        catch (SlackApiException exception)
        {
            TimeSpan delay = exception.RetryAfter ?? Backoff(claimed.Delivery.Attempts);
            LogDeliveryFailed(logger, claimed.Incident.Key, exception.Method, exception.Error, delay);
            claimed.Delivery.Release(time.GetUtcNow() + delay, $"{exception.Method}: {exception.Error}");
        }
        await claims.SaveAsync(CancellationToken.None);
        return true;
    }

    private static TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromTicks(Math.Min(s_longestRetry.Ticks, s_firstRetry.Ticks << Math.Min(failedAttempts, 16)));

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Slack delivery of {Incident} failed at {Method} ({Error}); retrying in {Delay}")]
    private static partial void LogDeliveryFailed(ILogger logger, IncidentKey incident, string method, string error, TimeSpan delay);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Error, Message = "A Slack delivery round failed; it will be retried")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
