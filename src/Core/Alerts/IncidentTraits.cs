using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>What an alert group says about the incident it opens.</summary>
public sealed record IncidentTraits(string Title, Severity Severity, string? Service, string? Environment, string? Namespace);
