using System.Collections.Concurrent;
using ChatOpsIncidents.Bot.Slack.Api;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// The direct-message conversation with each person, opened once per process: Slack answers <c>conversations.open</c>
/// with the same conversation every time, and the method's Tier 3 budget (50 a minute) would otherwise cap how many
/// people a burst of escalations can page.
/// </summary>
internal sealed class DirectMessageConversations(ISlackApi slack)
{
    private readonly ConcurrentDictionary<string, string> _byUser = new(StringComparer.Ordinal);

    public async Task<string> OpenAsync(string user, CancellationToken cancellationToken)
    {
        if (_byUser.TryGetValue(user, out string? known))
        {
            return known;
        }
        string opened = await slack.OpenDirectMessageAsync([user], cancellationToken);
        _byUser[user] = opened;
        return opened;
    }

    /// <summary>Slack refused a post to the conversation: open it again next time.</summary>
    public void Forget(string user) => _byUser.TryRemove(user, out _);
}
