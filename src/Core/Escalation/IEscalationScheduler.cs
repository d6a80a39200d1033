using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// Wakes <see cref="EscalationService.FireDueAsync"/> when an incident's next step is due. Only a wake-up call: the incident
/// database says what is due, so a lost or doubled wake-up changes nothing (the safety net finds what a lost one left).
/// </summary>
public interface IEscalationScheduler
{
    Task ScheduleStepAsync(IncidentKey incident, DateTimeOffset dueAt, CancellationToken cancellationToken);

    Task CancelStepAsync(IncidentKey incident, CancellationToken cancellationToken);
}
