using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Api;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IncidentListView))]
[JsonSerializable(typeof(IncidentDetailsView))]
[JsonSerializable(typeof(StatisticsView))]
[JsonSerializable(typeof(IncidentActionRequest))]
[JsonSerializable(typeof(DeclareIncidentRequest))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
