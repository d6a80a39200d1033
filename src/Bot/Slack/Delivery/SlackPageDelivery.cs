using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.UserGroups;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// Sends one person their claimed pages as one direct message. Pages of incidents acknowledged or resolved meanwhile are not
/// sent: the ack wins. A Slack user group's pages are handed on to its members. When Slack refuses the person (or has no
/// such group) for good, each incident's timeline says so. A retryable Slack failure is thrown for the dispatcher to put
/// the pages off; nothing is finished then.
/// </summary>
internal sealed partial class SlackPageDelivery(
    DirectMessageConversations directMessages,
    SlackUserGroupMembership userGroups,
    EscalationMetrics metrics,
    TimeProvider time,
    ILogger<SlackPageDelivery> logger)
{
    public async Task DeliverAsync(ClaimedPages claimed, PageClaims claims, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        foreach (Page page in claimed.Pages.Where(p => p.Incident.Status != IncidentStatus.Triggered))
        {
            Finish(page, PageOutcome.NotNeeded, now);
            LogPageNotNeeded(logger, page.Incident.Key, claimed.Recipient, page.Incident.Status);
        }
        List<Page> due = [.. claimed.Pages.Where(p => p.Outcome is null)];
        if (due.Count == 0)
        {
            return;
        }
        if (due[0].IsForSlackGroup)
        {
            await HandOnAsync(claimed.Recipient, due, claims, now, cancellationToken);
            return;
        }
        SlackMessageContent message = EscalationPage.Render(due, claimed.Channels);
        PostedMessage posted;
        try
        {
            posted = await directMessages.SendAsync(claimed.Recipient, message, cancellationToken);
        }
        catch (SlackApiException exception) when (!exception.IsRetryable)
        {
            LogPageRefused(logger, claimed.Recipient, due.Count, exception.Method, exception.Error);
            Refuse(due, $"Slack refused ({exception.Method}: {exception.Error}); check the user id in the on-call schedules and escalation policies", now);
            return;
        }
        DateTimeOffset sentAt = time.GetStorableUtcNow();
        foreach (Page page in due)
        {
            page.Sent(posted.Channel, posted.Ts, sentAt);
            metrics.PageFinished(PageChannel.Slack, PageOutcome.Sent);
            metrics.NotificationSent(sentAt - page.DueAt);
        }
    }

    /// <summary>A Slack user group's pages become a page for each member, sent in later claims with each person's other pages.</summary>
    private async Task HandOnAsync(string group, List<Page> pages, PageClaims claims, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> members;
        try
        {
            members = await userGroups.MembersOfAsync(group.TrimStart(Page.SlackGroupMark), cancellationToken);
        }
        catch (SlackApiException exception) when (!exception.IsRetryable)
        {
            LogPageRefused(logger, group, pages.Count, exception.Method, exception.Error);
            Refuse(pages, $"Slack did not list its user groups ({exception.Method}: {exception.Error}); give the app the usergroups:read scope", now);
            return;
        }
        if (members.Count == 0)
        {
            Refuse(pages, "Slack has no user group with this handle, or it has no members; check SlackGroups in the escalation policies", now);
            return;
        }
        claims.HandOn(pages, members, now);
        metrics.PageFinished(PageChannel.Slack, PageOutcome.HandedOn, pages.Count);
    }

    private void Refuse(List<Page> pages, string reason, DateTimeOffset at)
    {
        foreach (Page page in pages)
        {
            page.Refuse(reason, at);
            metrics.PageFinished(PageChannel.Slack, PageOutcome.Refused);
        }
    }

    private void Finish(Page page, PageOutcome outcome, DateTimeOffset at)
    {
        page.Finish(outcome, at);
        metrics.PageFinished(PageChannel.Slack, outcome);
    }

    [LoggerMessage(EventId = 2211, Level = LogLevel.Information, Message = "The page to {User} about {Incident} was not sent: the incident is {Status} by now")]
    private static partial void LogPageNotNeeded(ILogger logger, IncidentKey incident, string user, IncidentStatus status);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Error, Message = "Slack refused {Method} to page {User} ({Error}), {Count} pages not sent; check the user id or group handle in the settings")]
    private static partial void LogPageRefused(ILogger logger, string user, int count, string method, string error);
}
