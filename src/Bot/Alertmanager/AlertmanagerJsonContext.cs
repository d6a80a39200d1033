using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Alertmanager;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = false)]
[JsonSerializable(typeof(AlertmanagerWebhook))]
[JsonSerializable(typeof(WebhookAccepted))]
internal sealed partial class AlertmanagerJsonContext : JsonSerializerContext;
