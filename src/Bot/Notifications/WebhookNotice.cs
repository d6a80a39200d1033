namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// The body of an outgoing webhook: <see cref="Event"/> is <c>triggered</c> (an escalation step, <see cref="Step"/>),
/// <c>acknowledged</c> or <c>resolved</c>; <see cref="Delivery"/> is the same for every attempt at one event, for the receiver
/// to drop a repeat.
/// </summary>
public sealed record WebhookNotice(string Event, string Delivery, string Step, WebhookIncident Incident);

/// <summary>The incident as an outgoing webhook shows it; <see cref="Url"/> is its dashboard page or its Slack channel.</summary>
public sealed record WebhookIncident(
    string Key,
    string Title,
    string Severity,
    string Status,
    string? Service,
    string? Environment,
    DateTimeOffset TriggeredAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    string? Url);
