using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Postmortems;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>What a committed change asks the scheduler for: the escalation's next step, the postmortem's next reminder.</summary>
internal sealed record IncidentWake(IncidentEscalation? Escalation, Postmortem? Postmortem);
