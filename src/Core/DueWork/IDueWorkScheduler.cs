using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.DueWork;

/// <summary>
/// Wakes <see cref="DueWorkService.FireDueAsync"/> when an incident's work of a kind is due. Only a wake-up call: the incident
/// database says what is due, so a lost or doubled wake-up changes nothing (the overdue sweep finds what a lost one left).
/// </summary>
public interface IDueWorkScheduler
{
    /// <summary>Wakes the kind's work of <paramref name="incident"/> at <paramref name="dueAt"/>, replacing any earlier wake-up of it.</summary>
    Task ScheduleAsync(string kind, IncidentKey incident, DateTimeOffset dueAt, CancellationToken cancellationToken);

    Task CancelAsync(string kind, IncidentKey incident, CancellationToken cancellationToken);
}
