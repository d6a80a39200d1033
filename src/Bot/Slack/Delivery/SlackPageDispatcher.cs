using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// The page lane: sends escalation pages apart from the incidents' channel delivery, one person's due pages at a time. The
/// claims keep to Slack's pacing of about one message a second per person, so sending one never waits for it.
/// </summary>
internal sealed partial class SlackPageDispatcher(
    IServiceScopeFactory scopes,
    IOptions<SlackOptions> slackOptions,
    IOptions<OutboxOptions> outboxOptions,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<SlackPageDispatcher> logger) : SlackDispatcher(slackOptions, outboxOptions, signal.Pages, time, logger)
{
    public override async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        PageClaims claims = scope.ServiceProvider.GetRequiredService<PageClaims>();
        ClaimedPages? claimed = await claims.ClaimNextAsync(Owner, cancellationToken);
        if (claimed is null)
        {
            return false;
        }
        try
        {
            await scope.ServiceProvider.GetRequiredService<SlackPageDelivery>().DeliverAsync(claimed, claims, cancellationToken);
        }
        catch (SlackApiException exception)
        {
            List<Page> unsent = [.. claimed.Pages.Where(p => p.Outcome is null)];
            TimeSpan delay = exception.RetryAfter ?? Backoff(unsent.Min(p => p.Attempts));
            LogPagesFailed(logger, claimed.Recipient, unsent.Count, exception.Method, exception.Error, delay);
            unsent.ForEach(page => page.Retry(Time.GetUtcNow() + delay, $"{exception.Method}: {exception.Error}"));
        }
        await claims.SaveAsync(CancellationToken.None);
        return true;
    }

    [LoggerMessage(EventId = 2213, Level = LogLevel.Warning, Message = "Paging {User} ({Count} pages) failed at {Method} ({Error}); retrying in {Delay}")]
    private static partial void LogPagesFailed(ILogger logger, string user, int count, string method, string error, TimeSpan delay);
}
