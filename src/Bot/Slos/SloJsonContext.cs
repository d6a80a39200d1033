using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slos;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SloListView))]
[JsonSerializable(typeof(SloView))]
internal sealed partial class SloJsonContext : JsonSerializerContext;
