using ChatOpsIncidents.Bot.Outbox;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// The notification lane, beside the Slack page lane and on the same loop: sends the pages of the other channels (email, SMS,
/// PagerDuty, webhooks) one at a time, and tells the channels that follow an incident that it was acknowledged or resolved.
/// A page of an incident acknowledged or resolved before it left is not sent. A failed attempt is recorded on the page and
/// retried with a growing delay (or the channel's Retry-After); a refusal for good is written to the incident's timeline.
/// Running apart from the Slack page lane, a channel that is down or slow never holds a Slack page back. It runs with Slack
/// off too, whenever an escalation step notifies beyond Slack.
/// </summary>
internal sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> outboxOptions,
    IOptions<EscalationOptions> escalation,
    OutboxSignal signal,
    EscalationMetrics escalationMetrics,
    NotificationMetrics metrics,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : OutboxLane(outboxOptions, signal.Pages, time, logger)
{
    protected override bool Enabled => escalation.Value.Policies.Any(policy => policy.Steps.Any(step => step.NotifiesBeyondSlack));

    public override async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        PageClaims claims = scope.ServiceProvider.GetRequiredService<PageClaims>();
        if (await claims.ClaimNextNotificationAsync(Owner, cancellationToken) is not { } page)
        {
            return false;
        }
        INotificationSender sender = scope.ServiceProvider.GetServices<INotificationSender>().Single(s => s.Channel == page.Channel);
        await DeliverAsync(page, sender, cancellationToken);
        await claims.SaveAsync(CancellationToken.None);
        return true;
    }

    private async Task DeliverAsync(Page page, INotificationSender sender, CancellationToken cancellationToken)
    {
        bool isPage = page.Outcome is null; // else a sent page whose receiver is to be told the incident's new status
        IncidentStatus status = page.Incident.Status;
        if (isPage && status != IncidentStatus.Triggered)
        {
            page.Finish(PageOutcome.NotNeeded, Time.GetStorableUtcNow());
            escalationMetrics.PageFinished(page.Channel, PageOutcome.NotNeeded);
            return;
        }
        try
        {
            await sender.SendAsync(page, status, cancellationToken);
        }
        catch (NotificationFailure failure) when (!failure.IsPermanent)
        {
            TimeSpan delay = failure.RetryAfter ?? Backoff(page.Attempts);
            LogRetrying(logger, page.Target, page.Incident.Key, status, failure.Message, delay);
            metrics.Attempted(page.Channel, status, "retried");
            page.Retry(Time.GetUtcNow() + delay, failure.Message);
            return;
        }
        catch (NotificationFailure failure)
        {
            LogRefused(logger, page.Target, page.Incident.Key, status, failure.Message);
            metrics.Attempted(page.Channel, status, "refused");
            if (isPage)
            {
                page.Refuse(failure.Message, Time.GetStorableUtcNow());
                escalationMetrics.PageFinished(page.Channel, PageOutcome.Refused);
            }
            else
            {
                page.RefuseTelling(status, failure.Message, Time.GetStorableUtcNow());
            }
            return;
        }
        metrics.Attempted(page.Channel, status, "sent");
        if (isPage)
        {
            DateTimeOffset sentAt = Time.GetStorableUtcNow();
            page.Delivered(sentAt);
            escalationMetrics.PageFinished(page.Channel, PageOutcome.Sent);
            escalationMetrics.NotificationSent(sentAt - page.DueAt);
        }
        else
        {
            page.Told(status);
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Could not notify {Target} that {Incident} is {Status} ({Error}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, PageTarget target, IncidentKey incident, IncidentStatus status, string error, TimeSpan delay);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "{Target} refused to be notified that {Incident} is {Status} ({Error}); not retried, see the incident's timeline")]
    private static partial void LogRefused(ILogger logger, PageTarget target, IncidentKey incident, IncidentStatus status, string error);
}
