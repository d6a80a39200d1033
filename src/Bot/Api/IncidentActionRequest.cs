namespace ChatOpsIncidents.Bot.Api;

/// <summary>Body of POST /api/incidents/{key}/ack and /resolve; every field is optional.</summary>
public sealed record IncidentActionRequest(string? By, string? Note);
