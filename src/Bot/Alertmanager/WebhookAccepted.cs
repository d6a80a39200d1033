namespace ChatOpsIncidents.Bot.Alertmanager;

/// <summary>
/// The answer to a stored delivery. Alertmanager ignores it; people debugging with curl do not. No incident for a delivery of
/// the heartbeat alert alone.
/// </summary>
public sealed record WebhookAccepted(string? Incident, string Outcome);
