using System.Text.Json.Serialization;
using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// Slack's wire format: snake_case names, nulls left out. Missing required fields in Slack's answers fail to read rather than
/// turn into nulls. Blocks serialize polymorphically through <see cref="Block"/>'s registered derived types.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(List<Block>))]
[JsonSerializable(typeof(IReadOnlyList<Block>))]
[JsonSerializable(typeof(ModalView))]
[JsonSerializable(typeof(PostMessageRequest))]
[JsonSerializable(typeof(UpdateMessageRequest))]
[JsonSerializable(typeof(PostEphemeralRequest))]
[JsonSerializable(typeof(CreateChannelArguments))]
[JsonSerializable(typeof(InviteArguments))]
[JsonSerializable(typeof(SetTopicArguments))]
[JsonSerializable(typeof(ChannelArguments))]
[JsonSerializable(typeof(OpenConversationArguments))]
[JsonSerializable(typeof(OpenViewArguments))]
[JsonSerializable(typeof(CompleteUploadArguments))]
[JsonSerializable(typeof(SlackEnvelope))]
[JsonSerializable(typeof(PostedMessage))]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(UserInfoResponse))]
[JsonSerializable(typeof(UserGroupsResponse))]
[JsonSerializable(typeof(UploadUrlResponse))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
