using ChatOpsIncidents.Core.Incidents;
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

    /// <summary>The end its sender reported when that was before its start; <see cref="EndsAt"/> is then <see cref="StartsAt"/>.</summary>
    public DateTimeOffset? ReportedEndsAt { get; init; }

    /// <summary>
    /// As stored, so that a re-delivery compares equal to what was stored: times at stored precision, labels and annotations
    /// within <see cref="TextLimits"/>, a generator URL too long to keep dropped. An end before the start (a sender's clock
    /// skew) is taken as the start, so that no duration comes out negative; the start stays, as it identifies the episode.
    /// </summary>
    internal AlertSignal ForStorage()
    {
        AlertSignal bounded = this with
        {
            StartsAt = StartsAt.ToStorable(),
            EndsAt = EndsAt?.ToStorable(),
            Labels = AlertText.Bounded(Labels, TextLimits.LabelValue),
            Annotations = AlertText.Bounded(Annotations, TextLimits.AnnotationValue),
            GeneratorUrl = AlertText.BoundedUrl(GeneratorUrl),
        };
        return bounded.EndsAt < bounded.StartsAt ? bounded with { EndsAt = bounded.StartsAt, ReportedEndsAt = bounded.EndsAt } : bounded;
    }
}
