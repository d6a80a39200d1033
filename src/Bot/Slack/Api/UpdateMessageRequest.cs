using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>chat.update</c> arguments: the blocks are replaced wholesale, so give changed blocks new block ids.</summary>
public sealed record UpdateMessageRequest(string Channel, string Ts, string Text, IReadOnlyList<Block>? Blocks = null)
{
    /// <summary>Cut to <see cref="BlockKitLimits.MessageText"/>, keeping markup whole.</summary>
    public string Text { get; } = Mrkdwn.Truncate(Text, BlockKitLimits.MessageText);
}
