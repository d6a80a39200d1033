using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Events;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PagerDutyEvent))]
[JsonSerializable(typeof(PagerDutyAnswer))]
[JsonSerializable(typeof(PagerDutyDetails))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PagerDutyJsonContext : JsonSerializerContext;
