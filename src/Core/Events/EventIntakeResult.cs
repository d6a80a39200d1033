using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Events;

/// <param name="Incident">The incident the event fed; null when it fed none (below the incident severity, or nothing open to act on).</param>
public sealed record EventIntakeResult(long EventId, IncidentKey? Incident);
