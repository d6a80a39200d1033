using System.Text.Json;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>One series of an instant vector: labels, and <c>[unix seconds, "value"]</c> (a string, so "NaN" and "+Inf" fit).</summary>
internal sealed record PrometheusVectorSample(Dictionary<string, string>? Metric, JsonElement[]? Value);
