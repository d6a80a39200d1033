using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.Api;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.FollowUps;

/// <summary>
/// The email of a follow-up's owner, from Slack's <c>users.info</c> (with the <c>users:read.email</c> scope): what the tracker's
/// assignee is found by. Null when Slack is off or cannot tell: the issue is then created unassigned.
/// </summary>
internal sealed class OwnerEmails(ISlackApi slack, IOptions<SlackOptions> options)
{
    public async Task<string?> EmailOfAsync(string? slackUserId, CancellationToken cancellationToken)
    {
        if (slackUserId is null || !options.Value.Enabled)
        {
            return null;
        }
        try
        {
            return (await slack.GetUserAsync(slackUserId, cancellationToken)).Profile?.Email;
        }
        catch (SlackApiException)
        {
            return null;
        }
    }
}
