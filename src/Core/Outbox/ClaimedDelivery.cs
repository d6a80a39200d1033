using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Outbox;

/// <summary>An incident a dispatcher leased, with what is still to be told about it, oldest first.</summary>
public sealed record ClaimedDelivery(Incident Incident, IncidentDelivery Delivery, IReadOnlyList<TimelineEntry> Pending);
