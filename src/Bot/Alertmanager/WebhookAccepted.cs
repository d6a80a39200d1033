namespace ChatOpsIncidents.Bot.Alertmanager;

/// <summary>The answer to a stored delivery. Alertmanager ignores it; people debugging with curl do not.</summary>
public sealed record WebhookAccepted(string Incident, string Outcome);
