using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Silences;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PostableSilence))]
[JsonSerializable(typeof(SilenceCreated))]
[JsonSerializable(typeof(List<GettableSilence>))]
internal sealed partial class AlertmanagerApiJsonContext : JsonSerializerContext;
