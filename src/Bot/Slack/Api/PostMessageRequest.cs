using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// <c>chat.postMessage</c> arguments. <paramref name="Text"/> is the notification and accessibility fallback when
/// <paramref name="Blocks"/> are given.
/// </summary>
public sealed record PostMessageRequest(string Channel, string Text, IReadOnlyList<Block>? Blocks = null, string? ThreadTs = null)
{
    /// <summary>Cut to <see cref="BlockKitLimits.MessageText"/>, keeping markup whole.</summary>
    public string Text { get; } = Mrkdwn.Truncate(Text, BlockKitLimits.MessageText);
}
