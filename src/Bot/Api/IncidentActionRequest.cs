namespace ChatOpsIncidents.Bot.Api;

/// <summary>Body of POST /api/incidents/{key}/ack and /resolve; every field is optional.</summary>
/// <param name="Noise">On /resolve: the incident was not actionable (a false positive of its alert), <see cref="Note"/> saying why; also for one already resolved.</param>
public sealed record IncidentActionRequest(string? By, string? Note, bool Noise = false);
