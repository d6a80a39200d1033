using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>A Block Kit block. Each block type is a sealed record registered below, serialized with its "type".</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(InputBlock), "input")]
public abstract record Block
{
    /// <summary>Unique within a message or view; Slack makes one up when it is left out.</summary>
    [JsonPropertyOrder(-1)]
    public string? BlockId
    {
        get;
        init => field = value is null ? null : BlockKitText.Cut(value, BlockKitLimits.BlockId);
    }
}
