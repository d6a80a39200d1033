namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>Large bold text at the top of a message; plain text only, up to 150 characters.</summary>
public sealed record HeaderBlock : Block
{
    public HeaderBlock(string text) => Text = new PlainText(text).Truncated(BlockKitLimits.HeaderText);

    public TextObject Text { get; }
}
