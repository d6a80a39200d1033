using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Core.Persistence;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LabelsJsonContext : JsonSerializerContext;
