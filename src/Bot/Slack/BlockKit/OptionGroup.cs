namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>A labelled group of a select menu's options.</summary>
public sealed record OptionGroup
{
    public OptionGroup(string label, IReadOnlyList<MenuOption> options)
    {
        Label = new PlainText(label).Truncated(BlockKitLimits.OptionGroupLabel);
        Options = [.. options.Take(BlockKitLimits.SelectOptions)];
    }

    public TextObject Label { get; }

    public IReadOnlyList<MenuOption> Options { get; }
}
