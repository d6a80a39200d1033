namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>A drop-down menu of fixed choices, given either as <see cref="Options"/> or as <see cref="OptionGroups"/>.</summary>
public sealed record StaticSelectElement : BlockElement
{
    public StaticSelectElement(string actionId, string? placeholder = null)
        : base(actionId) => Placeholder = placeholder is null ? null : new PlainText(placeholder).Truncated(BlockKitLimits.Placeholder);

    public TextObject? Placeholder { get; }

    public IReadOnlyList<MenuOption>? Options
    {
        get;
        init => field = value is null ? null : [.. value.Take(BlockKitLimits.SelectOptions)];
    }

    public IReadOnlyList<OptionGroup>? OptionGroups
    {
        get;
        init => field = value is null ? null : [.. value.Take(BlockKitLimits.SelectOptionGroups)];
    }

    public MenuOption? InitialOption { get; init; }

    public ConfirmDialog? Confirm { get; init; }
}
