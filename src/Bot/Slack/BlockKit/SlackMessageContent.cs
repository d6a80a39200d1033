namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>
/// What a message says, for chat.postMessage and chat.update: <see cref="Text"/> is the mrkdwn fallback Slack shows in
/// notifications and to screen readers, <see cref="Blocks"/> the layout (at most 50 blocks; builders plan within that,
/// and any excess is dropped rather than failing the message).
/// </summary>
public sealed record SlackMessageContent
{
    public SlackMessageContent(string text, IReadOnlyList<Block> blocks)
    {
        Text = Mrkdwn.Truncate(text, BlockKitLimits.MessageText);
        Blocks = [.. blocks.Take(BlockKitLimits.MessageBlocks)];
    }

    public string Text { get; }

    public IReadOnlyList<Block> Blocks { get; }
}
