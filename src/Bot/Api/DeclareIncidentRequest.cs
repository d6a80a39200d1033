namespace ChatOpsIncidents.Bot.Api;

/// <summary>Body of POST /api/incidents: declares an incident by hand.</summary>
public sealed record DeclareIncidentRequest(string? Title, string? Severity, string? Service, string? Description, string? Commander, string? By);
