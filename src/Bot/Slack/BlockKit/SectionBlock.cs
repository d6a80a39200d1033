namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>Text, up to ten two-column fields, and one accessory element. Slack needs the text or the fields.</summary>
public sealed record SectionBlock : Block
{
    public SectionBlock(TextObject? text = null, IReadOnlyList<TextObject>? fields = null, BlockElement? accessory = null)
    {
        Text = text?.Truncated(BlockKitLimits.SectionText);
        Fields = fields is null
            ? null
            : [.. fields.Take(BlockKitLimits.SectionFields).Select(field => field.Truncated(BlockKitLimits.SectionFieldText))];
        Accessory = accessory;
    }

    public TextObject? Text { get; }

    public IReadOnlyList<TextObject>? Fields { get; }

    public BlockElement? Accessory { get; }
}
