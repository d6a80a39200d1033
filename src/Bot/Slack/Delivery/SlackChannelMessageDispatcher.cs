using ChatOpsIncidents.Bot.Outbox;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// The channel-message lane: posts the messages that belong to no incident (<see cref="ChannelMessage"/>, the weekly report)
/// in the order they were written, to their channel or Slack:IncidentsChannel. What Slack refuses for good is logged, counted and
/// not tried again; any other failure is put off with the lanes' backoff (or Slack's Retry-After) and never dropped.
/// </summary>
internal sealed partial class SlackChannelMessageDispatcher(
    IServiceScopeFactory scopes,
    SlackDeliveryMetrics metrics,
    IOptions<SlackOptions> slackOptions,
    IOptions<OutboxOptions> outboxOptions,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<SlackChannelMessageDispatcher> logger) : OutboxLane(outboxOptions, signal.ChannelMessages, time, logger)
{
    protected override bool Enabled => slackOptions.Value.Enabled;

    public override async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        ChannelMessageClaims claims = scope.ServiceProvider.GetRequiredService<ChannelMessageClaims>();
        if (await claims.ClaimNextAsync(Owner, cancellationToken) is not { } message)
        {
            return false;
        }
        string channel = message.Channel ?? slackOptions.Value.IncidentsChannel!;
        try
        {
            PostedMessage posted = await scope.ServiceProvider.GetRequiredService<ISlackApi>()
                .PostMessageAsync(new PostMessageRequest(channel, Mrkdwn.Escape(message.Text)), cancellationToken);
            message.Posted(posted.Ts, Time.GetUtcNow());
        }
        catch (SlackApiException refusal) when (!refusal.IsRetryable)
        {
            LogMessageRefused(logger, message.Id, channel, refusal.Method, refusal.Error);
            metrics.Skipped(refusal);
            message.Refused($"{refusal.Method}: {refusal.Error}", Time.GetUtcNow());
        }
        catch (SlackApiException exception)
        {
            TimeSpan delay = exception.RetryAfter ?? Backoff(message.Attempts);
            LogMessageFailed(logger, message.Id, channel, exception.Method, exception.Error, delay);
            message.Retry(Time.GetUtcNow() + delay, $"{exception.Method}: {exception.Error}");
        }
        await claims.SaveAsync(CancellationToken.None);
        return true;
    }

    [LoggerMessage(EventId = 2206, Level = LogLevel.Warning, Message = "Slack {Method} failed ({Error}) posting channel message {Id} to {Channel}; retrying in {Delay}")]
    private static partial void LogMessageFailed(ILogger logger, long id, string channel, string method, string error, TimeSpan delay);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Error,
        Message = "Slack refused {Method} for channel message {Id} to {Channel} ({Error}); check the Slack settings. The message is not tried again")]
    private static partial void LogMessageRefused(ILogger logger, long id, string channel, string method, string error);
}
