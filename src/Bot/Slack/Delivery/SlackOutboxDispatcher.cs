using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>Delivers every incident's undelivered timeline to Slack, one leased incident at a time, in order.</summary>
internal sealed partial class SlackOutboxDispatcher(
    IServiceScopeFactory scopes,
    IOptions<SlackOptions> slackOptions,
    IOptions<OutboxOptions> outboxOptions,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<SlackOutboxDispatcher> logger) : SlackDispatcher(slackOptions, outboxOptions, signal.TimelineEntries, time, logger)
{
    public override async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        OutboxClaims claims = scope.ServiceProvider.GetRequiredService<OutboxClaims>();
        ClaimedDelivery? claimed = await claims.ClaimNextAsync(Owner, cancellationToken);
        if (claimed is null)
        {
            return false;
        }
        try
        {
            DateTimeOffset again = await scope.ServiceProvider.GetRequiredService<SlackIncidentDelivery>().DeliverAsync(claimed, claims, cancellationToken);
            claimed.Delivery.Release(again, error: null);
        }
        catch (SlackApiException exception)
        {
            TimeSpan delay = exception.RetryAfter ?? Backoff(claimed.Delivery.Attempts);
            LogDeliveryFailed(logger, claimed.Incident.Key, exception.Method, exception.Error, delay);
            claimed.Delivery.Release(Time.GetUtcNow() + delay, $"{exception.Method}: {exception.Error}");
        }
        await claims.SaveAsync(CancellationToken.None);
        return true;
    }

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Slack delivery of {Incident} failed at {Method} ({Error}); retrying in {Delay}")]
    private static partial void LogDeliveryFailed(ILogger logger, IncidentKey incident, string method, string error, TimeSpan delay);
}
