using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>An interactive element of an actions block, a section accessory or a modal input, serialized with its "type".</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ButtonElement), "button")]
[JsonDerivedType(typeof(StaticSelectElement), "static_select")]
[JsonDerivedType(typeof(OverflowElement), "overflow")]
[JsonDerivedType(typeof(PlainTextInputElement), "plain_text_input")]
public abstract record BlockElement
{
    protected BlockElement(string actionId) => ActionId = BlockKitText.Cut(actionId, BlockKitLimits.ActionId);

    /// <summary>What the interaction payload names in <c>actions[].action_id</c>; handlers dispatch on it.</summary>
    [JsonPropertyOrder(-1)]
    public string ActionId { get; }
}
