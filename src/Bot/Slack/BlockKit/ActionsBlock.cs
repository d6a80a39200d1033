namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>A row of interactive elements (buttons, selects, overflow menus); up to 25.</summary>
public sealed record ActionsBlock : Block
{
    public ActionsBlock(IReadOnlyList<BlockElement> elements) => Elements = [.. elements.Take(BlockKitLimits.ActionsElements)];

    public IReadOnlyList<BlockElement> Elements { get; }
}
