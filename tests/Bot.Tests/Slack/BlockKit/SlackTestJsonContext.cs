using System.Text.Json.Serialization;
using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Tests.Slack.BlockKit;

/// <summary>
/// A source-generated context with the production Slack context's settings, so the tests also prove that the Block Kit
/// records survive source generation.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SlackMessageContent))]
[JsonSerializable(typeof(Block))]
[JsonSerializable(typeof(BlockElement))]
[JsonSerializable(typeof(TextObject))]
[JsonSerializable(typeof(MenuOption))]
[JsonSerializable(typeof(ConfirmDialog))]
internal sealed partial class SlackTestJsonContext : JsonSerializerContext;
