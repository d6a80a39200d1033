using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Notifications;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebhookNotice))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
