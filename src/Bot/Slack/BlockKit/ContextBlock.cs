namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>Small grey text under or between other blocks; up to ten elements.</summary>
public sealed record ContextBlock : Block
{
    public ContextBlock(IReadOnlyList<TextObject> elements) => Elements = [.. elements.Take(BlockKitLimits.ContextElements)];

    public IReadOnlyList<TextObject> Elements { get; }
}
