namespace ChatOpsIncidents.Core.Slos;

/// <summary>
/// One of an SLO's two burn-rate alert rules, with the spec's <c>alerting</c> labels and annotations and the page or
/// ticket ones merged over them.
/// </summary>
public sealed record SloAlert(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);
