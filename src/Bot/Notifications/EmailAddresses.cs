using System.Net.Mail;
using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.Api;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// The address an email page goes to: the page's own address, or for a Slack user (a step with <c>EmailPeople</c>) the one
/// in <c>Notifications:Email:People</c>, else the one on their Slack profile.
/// </summary>
internal sealed class EmailAddresses(IOptions<NotificationOptions> options, IOptions<SlackOptions> slackOptions, ISlackApi slack)
{
    public async Task<string> ForAsync(string recipient, CancellationToken cancellationToken)
    {
        if (MailAddress.TryCreate(recipient, out _))
        {
            return recipient;
        }
        if (options.Value.Email.People.TryGetValue(recipient, out string? listed))
        {
            return listed;
        }
        if (!slackOptions.Value.Enabled)
        {
            throw new NotificationFailure($"no address for {recipient}: add it under Notifications:Email:People", isPermanent: true);
        }
        SlackUser user;
        try
        {
            user = await slack.GetUserAsync(recipient, cancellationToken);
        }
        catch (SlackApiException exception)
        {
            throw new NotificationFailure($"Slack did not tell {recipient}'s address ({exception.Method}: {exception.Error})", !exception.IsRetryable,
                exception.RetryAfter, exception);
        }
        return user.Profile?.Email is { } email && MailAddress.TryCreate(email, out _)
            ? email
            : throw new NotificationFailure(
                $"Slack shows no email address for {recipient}: add it under Notifications:Email:People, or give the app the users:read.email scope",
                isPermanent: true);
    }
}
