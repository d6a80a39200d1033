using System.Text.Json.Serialization;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Events;
using ChatOpsIncidents.Bot.Slack.Interactions;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// Slack's wire format for what Slack sends the bot and what the bot answers: snake_case, nulls left out. A payload missing
/// a field its record requires fails to read (and is answered 400) rather than turning into nulls.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SlashCommand))]
[JsonSerializable(typeof(InteractionPayload))]
[JsonSerializable(typeof(SlackReply))]
[JsonSerializable(typeof(ViewSubmissionReply))]
[JsonSerializable(typeof(EventCallback))]
internal sealed partial class SlackRequestsJsonContext : JsonSerializerContext;
