using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>chat.postEphemeral</c> arguments: <paramref name="User"/> must be a member of <paramref name="Channel"/>.</summary>
public sealed record PostEphemeralRequest(string Channel, string User, string Text, IReadOnlyList<Block>? Blocks = null)
{
    /// <summary>Cut to <see cref="BlockKitLimits.MessageText"/>, keeping markup whole.</summary>
    public string Text { get; } = Mrkdwn.Truncate(Text, BlockKitLimits.MessageText);
}
