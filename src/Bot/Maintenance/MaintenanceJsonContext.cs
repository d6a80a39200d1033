using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Maintenance;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MaintenanceWindowRequest))]
[JsonSerializable(typeof(MaintenanceWindowView))]
[JsonSerializable(typeof(MaintenanceWindowListView))]
internal sealed partial class MaintenanceJsonContext : JsonSerializerContext;
