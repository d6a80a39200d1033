namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>A button. Its <see cref="Value"/> comes back with the click: pass an id, not a blob.</summary>
public sealed record ButtonElement : BlockElement
{
    public ButtonElement(string actionId, string text, string? value = null)
        : base(actionId)
    {
        Text = new PlainText(text).Truncated(BlockKitLimits.ButtonText);
        Value = value is null ? null : BlockKitText.Cut(value, BlockKitLimits.ButtonValue);
    }

    public TextObject Text { get; }

    public string? Value { get; }

    public ButtonStyle? Style { get; init; }

    public ConfirmDialog? Confirm { get; init; }

    /// <summary>Makes a link button: Slack opens the URL (and still sends the click to the bot, which ignores it).</summary>
    public string? Url { get; init; }
}
