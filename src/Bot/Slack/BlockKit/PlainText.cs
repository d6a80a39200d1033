namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>
/// Text shown as written: Slack parses no markup, links or mentions in it, so it is not escaped.
/// Emoji shortcodes such as <c>:fire:</c> still show as emoji.
/// </summary>
public sealed record PlainText(string Text) : TextObject
{
    public override string Text { get; } = BlockKitText.Ellipsize(Text, BlockKitLimits.TextObject);

    public bool Emoji { get; init; } = true;

    internal override TextObject Truncated(int maxLength) => new PlainText(BlockKitText.Ellipsize(Text, maxLength)) { Emoji = Emoji };
}
