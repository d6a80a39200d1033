namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>The "⋯" menu: one to five options.</summary>
public sealed record OverflowElement : BlockElement
{
    public OverflowElement(string actionId, IReadOnlyList<MenuOption> options)
        : base(actionId) => Options = [.. options.Take(BlockKitLimits.OverflowOptions)];

    public IReadOnlyList<MenuOption> Options { get; }

    public ConfirmDialog? Confirm { get; init; }
}
