namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>
/// A labelled input in a modal. Its <see cref="Block.BlockId"/> is required: submitted values come back keyed by it
/// (<c>view.state.values[block_id][action_id]</c>).
/// </summary>
public sealed record InputBlock : Block
{
    public InputBlock(string blockId, string label, BlockElement element, bool optional = false, string? hint = null)
    {
        BlockId = blockId;
        Label = new PlainText(label).Truncated(BlockKitLimits.InputLabel);
        Element = element;
        Optional = optional ? true : null;
        Hint = hint is null ? null : new PlainText(hint).Truncated(BlockKitLimits.InputHint);
    }

    public TextObject Label { get; }

    public BlockElement Element { get; }

    public bool? Optional { get; }

    public TextObject? Hint { get; }
}
