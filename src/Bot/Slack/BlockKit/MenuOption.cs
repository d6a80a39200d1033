namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>One choice of a select or overflow menu; the <see cref="Value"/> comes back as <c>selected_option.value</c>.</summary>
public sealed record MenuOption
{
    public MenuOption(string text, string value)
    {
        Text = new PlainText(text).Truncated(BlockKitLimits.OptionText);
        Value = BlockKitText.Cut(value, BlockKitLimits.OptionValue);
    }

    public TextObject Text { get; }

    public string Value { get; }
}
