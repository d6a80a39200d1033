using System.Collections.Concurrent;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// Direct messages to people, through the conversation with each person, opened once per process: Slack answers
/// <c>conversations.open</c> with the same conversation every time, and the method's Tier 3 budget (50 a minute) would
/// otherwise cap how many people a burst of escalations can page.
/// </summary>
internal sealed class DirectMessageConversations(ISlackApi slack)
{
    private readonly ConcurrentDictionary<string, string> _byUser = new(StringComparer.Ordinal);

    /// <summary>
    /// Posts <paramref name="message"/> to <paramref name="user"/> and returns where it went. A <see cref="SlackApiException"/> is
    /// thrown on; when Slack refused for good, the conversation is forgotten first, so the next message opens it again.
    /// </summary>
    public async Task<PostedMessage> SendAsync(string user, SlackMessageContent message, CancellationToken cancellationToken)
    {
        try
        {
            string conversation = await OpenAsync(user, cancellationToken);
            return await slack.PostMessageAsync(new PostMessageRequest(conversation, message.Text, message.Blocks), cancellationToken);
        }
        catch (SlackApiException exception) when (!exception.IsRetryable)
        {
            _byUser.TryRemove(user, out _);
            throw;
        }
    }

    private async Task<string> OpenAsync(string user, CancellationToken cancellationToken)
    {
        if (_byUser.TryGetValue(user, out string? known))
        {
            return known;
        }
        string opened = await slack.OpenDirectMessageAsync([user], cancellationToken);
        _byUser[user] = opened;
        return opened;
    }
}
