namespace ChatOpsIncidents.Bot.Slos;

/// <summary>The envelope of every Prometheus HTTP API answer.</summary>
internal sealed record PrometheusResponse(string? Status, PrometheusData? Data, string? ErrorType, string? Error);
