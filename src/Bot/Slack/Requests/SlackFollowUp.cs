using ChatOpsIncidents.Bot.Slack.Api;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// Tells one person something after Slack got its answer: through the <c>response_url</c> when there is one (no token,
/// works in channels the bot is not in), else, or when that fails, with <c>chat.postEphemeral</c> in the channel.
/// </summary>
internal sealed partial class SlackFollowUp(SlackResponseUrlClient responseUrls, ISlackApi slack, ILogger<SlackFollowUp> logger)
{
    public Task TellAsync(ReplyTarget target, string text, CancellationToken cancellationToken) =>
        TellAsync(target, new SlackReply(text), cancellationToken);

    /// <summary>Tells <paramref name="reply"/> with its blocks (the buttons of a confirmation).</summary>
    public async Task TellAsync(ReplyTarget target, SlackReply reply, CancellationToken cancellationToken)
    {
        if (target.ResponseUrl is { } responseUrl
            && await responseUrls.PostAsync(responseUrl, reply with { ReplaceOriginal = false }, cancellationToken))
        {
            return;
        }
        if (target.ChannelId is { } channel)
        {
            try
            {
                await slack.PostEphemeralAsync(new PostEphemeralRequest(channel, target.UserId, reply.Text, reply.Blocks), cancellationToken);
                return;
            }
            catch (SlackApiException exception)
            {
                LogNotTold(logger, target.UserId, exception.Error);
                return;
            }
        }
        LogNotTold(logger, target.UserId, "no response_url and no channel to reach them in");
    }

    [LoggerMessage(EventId = 2221, Level = LogLevel.Warning, Message = "Could not tell Slack user {User}: {Reason}")]
    private static partial void LogNotTold(ILogger logger, string user, string reason);
}
