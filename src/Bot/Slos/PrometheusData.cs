using System.Text.Json;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>A query result; <see cref="Result"/> is read according to <see cref="ResultType"/>.</summary>
internal sealed record PrometheusData(string? ResultType, JsonElement Result);
