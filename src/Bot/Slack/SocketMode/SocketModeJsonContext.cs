using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.SocketMode;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SocketEnvelope))]
[JsonSerializable(typeof(SocketAck))]
[JsonSerializable(typeof(ConnectionsOpenResponse))]
internal sealed partial class SocketModeJsonContext : JsonSerializerContext;
