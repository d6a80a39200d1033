using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

// The chat.* methods: what the bot sends (chat.postMessage, chat.update, chat.postEphemeral) and reads back.

/// <summary>
/// <c>chat.postMessage</c> arguments. <paramref name="Text"/> is the notification and accessibility fallback when
/// <paramref name="Blocks"/> are given.
/// </summary>
public sealed record PostMessageRequest(string Channel, string Text, IReadOnlyList<Block>? Blocks = null, string? ThreadTs = null)
{
    /// <summary>Cut to <see cref="BlockKitLimits.MessageText"/>, keeping markup whole.</summary>
    public string Text { get; } = Mrkdwn.Truncate(Text, BlockKitLimits.MessageText);
}

/// <summary>Where a message landed: the channel id and the message's <c>ts</c>, which together address it for <c>chat.update</c>.</summary>
public sealed record PostedMessage(string Channel, string Ts);

/// <summary><c>chat.update</c> arguments: the blocks are replaced wholesale, so give changed blocks new block ids.</summary>
public sealed record UpdateMessageRequest(string Channel, string Ts, string Text, IReadOnlyList<Block>? Blocks = null)
{
    /// <summary>Cut to <see cref="BlockKitLimits.MessageText"/>, keeping markup whole.</summary>
    public string Text { get; } = Mrkdwn.Truncate(Text, BlockKitLimits.MessageText);
}

/// <summary><c>chat.postEphemeral</c> arguments: <paramref name="User"/> must be a member of <paramref name="Channel"/>.</summary>
public sealed record PostEphemeralRequest(string Channel, string User, string Text, IReadOnlyList<Block>? Blocks = null)
{
    /// <summary>Cut to <see cref="BlockKitLimits.MessageText"/>, keeping markup whole.</summary>
    public string Text { get; } = Mrkdwn.Truncate(Text, BlockKitLimits.MessageText);
}
