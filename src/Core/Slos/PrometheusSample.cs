namespace ChatOpsIncidents.Core.Slos;

/// <summary>One series of an instant vector: its labels (the metric name under <c>__name__</c>) and its value.</summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value);
