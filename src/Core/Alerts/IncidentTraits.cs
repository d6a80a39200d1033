using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>What an alert group says about the incident it opens.</summary>
/// <param name="Slo">The SLO whose burn-rate alert is in the group, or null.</param>
public sealed record IncidentTraits(string Title, Severity Severity, string? Service, string? Environment, string? Namespace, Slo? Slo = null);
