using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Alerts;

public sealed record AlertIntakeResult(IncidentKey Incident, AlertIntakeOutcome Outcome);
