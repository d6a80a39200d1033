namespace ChatOpsIncidents.Core.Incidents;

/// <summary>What a person gives when declaring an incident by hand.</summary>
public sealed record DeclaredIncident(string Title, Severity Severity, string? Service = null, string? Description = null, string? Commander = null);
