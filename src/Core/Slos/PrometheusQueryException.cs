namespace ChatOpsIncidents.Core.Slos;

/// <summary>Prometheus gave no answer to a query; the message says why, in words fit for a person.</summary>
public sealed class PrometheusQueryException(string message, Exception? inner = null) : Exception(message, inner);
