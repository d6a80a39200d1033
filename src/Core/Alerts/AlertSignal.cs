using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>One alert as a monitoring system reported it, independent of the wire format it came in.</summary>
/// <param name="Fingerprint">Hash of the label set: stable across repeats and re-fires of the same alert.</param>
/// <param name="EndsAt">Null while firing.</param>
public sealed record AlertSignal(
    string Fingerprint,
    AlertStatus Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl)
{
    public string? AlertName => Labels.GetValueOrDefault("alertname");

    /// <summary>Times at stored precision, so that a re-delivery compares equal to what was stored.</summary>
    internal AlertSignal ForStorage() => this with { StartsAt = StartsAt.ToStorable(), EndsAt = EndsAt?.ToStorable() };
}
