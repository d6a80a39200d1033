using ChatOpsIncidents.Bot.Outbox;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// The page lane: sends escalation pages apart from the incidents' channel delivery, one person's due pages at a time. The
/// claims keep to Slack's pacing of about one message a second per person, so sending one never waits for it. When no page
/// is due, it edits a sent page message whose incident was acknowledged or resolved meanwhile.
/// </summary>
internal sealed partial class SlackPageDispatcher(
    IServiceScopeFactory scopes,
    IOptions<SlackOptions> slackOptions,
    IOptions<OutboxOptions> outboxOptions,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<SlackPageDispatcher> logger) : OutboxLane(outboxOptions, signal.Pages, time, logger)
{
    protected override bool Enabled => slackOptions.Value.Enabled;

    public override async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        PageClaims claims = scope.ServiceProvider.GetRequiredService<PageClaims>();
        if (await claims.ClaimNextAsync(Owner, cancellationToken) is { } claimed)
        {
            await SendAsync(scope.ServiceProvider, claimed, cancellationToken);
        }
        else if (await claims.ClaimNextMessageAsync(Owner, cancellationToken) is { } message)
        {
            await EditAsync(scope.ServiceProvider, message, cancellationToken);
        }
        else
        {
            return false;
        }
        await claims.SaveAsync(CancellationToken.None);
        return true;
    }

    private async Task SendAsync(IServiceProvider services, ClaimedPages claimed, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<SlackPageDelivery>().DeliverAsync(claimed, services.GetRequiredService<PageClaims>(), cancellationToken);
        }
        catch (SlackApiException exception)
        {
            PutOff([.. claimed.Pages.Where(p => p.Outcome is null)], exception);
        }
    }

    private async Task EditAsync(IServiceProvider services, ClaimedPageMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<SlackPageEdit>().EditAsync(message, cancellationToken);
        }
        catch (SlackApiException exception)
        {
            PutOff(message.Leased, exception);
        }
    }

    /// <summary>The one log line of a failed Slack call on this lane, and the retry of the pages it was for.</summary>
    private void PutOff(IReadOnlyList<Page> pages, SlackApiException exception)
    {
        TimeSpan delay = exception.RetryAfter ?? Backoff(pages.Min(p => p.Attempts));
        string incidents = string.Join(", ", pages.Select(p => p.Incident.Key).Distinct());
        LogPagesFailed(logger, exception.Method, exception.Error, pages[0].Recipient, incidents, delay);
        foreach (Page page in pages)
        {
            page.Retry(Time.GetUtcNow() + delay, $"{exception.Method}: {exception.Error}");
        }
    }

    [LoggerMessage(EventId = 2213, Level = LogLevel.Warning, Message = "Slack {Method} failed ({Error}) paging {User} about {Incidents}; retrying in {Delay}")]
    private static partial void LogPagesFailed(ILogger logger, string method, string error, string user, string incidents, TimeSpan delay);
}
