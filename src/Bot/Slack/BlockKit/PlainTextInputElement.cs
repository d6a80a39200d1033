namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>A text box in a modal's input block.</summary>
public sealed record PlainTextInputElement : BlockElement
{
    public PlainTextInputElement(string actionId, string? placeholder = null)
        : base(actionId) => Placeholder = placeholder is null ? null : new PlainText(placeholder).Truncated(BlockKitLimits.Placeholder);

    public TextObject? Placeholder { get; }

    public bool? Multiline { get; init; }

    public int? MinLength
    {
        get;
        init => field = value is null ? null : Math.Clamp(value.Value, 0, BlockKitLimits.PlainTextInputLength);
    }

    public int? MaxLength
    {
        get;
        init => field = value is null ? null : Math.Clamp(value.Value, 1, BlockKitLimits.PlainTextInputLength);
    }

    public string? InitialValue
    {
        get;
        init => field = value is null ? null : BlockKitText.Cut(value, BlockKitLimits.PlainTextInputLength);
    }
}
