using System.Text.Json.Serialization;
using ChatOpsIncidents.Core.Runs;

namespace ChatOpsIncidents.Core.Persistence;

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<RunStep>))]
internal sealed partial class RunsJsonContext : JsonSerializerContext;
