using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Events;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EventListView))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
