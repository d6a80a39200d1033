using ChatOpsIncidents.Bot.Outbox;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// Delivers every incident's undelivered timeline to Slack, one leased incident at a time, in order, the most severe first.
/// While Slack's budget for new channels (<c>conversations.create</c> and <c>conversations.setTopic</c>) is spent, incidents that already have their channel go first, so their news never
/// waits behind a <c>conversations.create</c> (nor do incidents too minor for a channel, <see cref="SlackOptions.ChannelFor"/>);
/// only when nothing else is due does the lane wait for that budget.
/// </summary>
internal sealed partial class SlackOutboxDispatcher(
    IServiceScopeFactory scopes,
    SlackRateLimiter limiter,
    SlackApiMetrics metrics,
    IOptions<SlackOptions> slackOptions,
    IOptions<OutboxOptions> outboxOptions,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<SlackOutboxDispatcher> logger) : OutboxLane(outboxOptions, signal.TimelineEntries, time, logger)
{
    /// <summary>The Tier 2 calls (about 20 a minute each) a new channel makes: it waits until both have a slot, not inside its delivery.</summary>
    private static readonly SlackMethod[] s_newChannelCalls = [SlackMethod.CreateConversation, SlackMethod.SetTopic];

    protected override bool Enabled => slackOptions.Value.Enabled;

    public override async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        Task committed = Committed.NextNotification; // before looking, so that work committed meanwhile ends a wait for the budget
        (SlackMethod budget, TimeSpan channelBudgetWait) = s_newChannelCalls.Select(method => (method, limiter.WaitFor(method))).MaxBy(wait => wait.Item2);
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        OutboxClaims claims = scope.ServiceProvider.GetRequiredService<OutboxClaims>();
        ClaimedDelivery? claimed = await claims.ClaimNextAsync(
            Owner, slackOptions.Value.OwnChannelsThrough, channelsMayBeCreated: channelBudgetWait == TimeSpan.Zero, cancellationToken);
        if (claimed is null)
        {
            return channelBudgetWait > TimeSpan.Zero
                && await claims.AnyDueAsync(cancellationToken)
                && await WaitForChannelBudgetAsync(budget, channelBudgetWait, committed, cancellationToken);
        }
        try
        {
            DateTimeOffset again = await scope.ServiceProvider.GetRequiredService<SlackIncidentDelivery>().DeliverAsync(claimed, claims, cancellationToken);
            claimed.Delivery.Release(again, error: null);
        }
        catch (SlackApiException exception)
        {
            TimeSpan delay = exception.RetryAfter ?? Backoff(claimed.Delivery.Attempts);
            if (exception.IsRetryable)
            {
                LogDeliveryFailed(logger, claimed.Incident.Key, exception.Method, exception.Error, delay);
            }
            else
            {
                LogDeliveryRefused(logger, claimed.Incident.Key, exception.Method, exception.Error, delay);
            }
            claimed.Delivery.Release(Time.GetUtcNow() + delay, $"{exception.Method}: {exception.Error}");
        }
        await claims.SaveAsync(CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Only incidents waiting for their channel are due: waits for Slack's next slot of <paramref name="budget"/>, or less when
    /// new work is committed meanwhile (it may not need a channel). True: there is work, the next round takes it.
    /// </summary>
    private async Task<bool> WaitForChannelBudgetAsync(SlackMethod budget, TimeSpan wait, Task committed, CancellationToken cancellationToken)
    {
        metrics.WaitedForBudget(budget, wait);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Task.Delay(wait, Time, stop.Token), committed);
        await stop.CancelAsync();
        return true;
    }

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Slack delivery of {Incident} failed at {Method} ({Error}); retrying in {Delay}")]
    private static partial void LogDeliveryFailed(ILogger logger, IncidentKey incident, string method, string error, TimeSpan delay);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Error,
        Message = "Slack refused {Method} delivering {Incident} ({Error}); check the Slack settings. Retrying in {Delay}")]
    private static partial void LogDeliveryRefused(ILogger logger, IncidentKey incident, string method, string error, TimeSpan delay);
}
