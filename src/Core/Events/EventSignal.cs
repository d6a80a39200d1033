namespace ChatOpsIncidents.Core.Events;

/// <summary>
/// One event a tool sent through a configured integration, independent of the wire format it came in. A trigger carries
/// <see cref="Severity"/>, <see cref="Summary"/> and <see cref="Source"/>; an acknowledge or resolve only its dedup key.
/// </summary>
/// <param name="Integration">The configured integration the event came through: dedup keys are its own.</param>
/// <param name="Labels">The integration's default labels, which the incident's classification reads like an alert's.</param>
/// <param name="OccurredAt">When the sender says it happened; null when it did not say.</param>
/// <param name="Url">Where the sender points for more: the first link, or the sending tool's page.</param>
/// <param name="Details">The sender's own details as JSON (custom details, links, images), kept with the event.</param>
public sealed record EventSignal(
    string Integration,
    string? Service,
    IReadOnlyDictionary<string, string> Labels,
    EventAction Action,
    string DedupKey,
    EventSeverity? Severity = null,
    string? Summary = null,
    string? Source = null,
    string? Component = null,
    string? Group = null,
    string? Class = null,
    DateTimeOffset? OccurredAt = null,
    string? Url = null,
    string? Details = null);
