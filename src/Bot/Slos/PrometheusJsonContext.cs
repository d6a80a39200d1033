using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slos;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PrometheusResponse))]
[JsonSerializable(typeof(List<PrometheusVectorSample>))]
internal sealed partial class PrometheusJsonContext : JsonSerializerContext;
