using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PendingRun))]
internal sealed partial class RunbookSlackJsonContext : JsonSerializerContext;
