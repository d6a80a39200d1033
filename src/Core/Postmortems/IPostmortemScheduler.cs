using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>Wakes <see cref="PostmortemService.FireDueReminderAsync"/> when a reminder is due; the database says what is due.</summary>
public interface IPostmortemScheduler
{
    Task ScheduleReminderAsync(IncidentKey incident, DateTimeOffset dueAt, CancellationToken cancellationToken);

    Task CancelReminderAsync(IncidentKey incident, CancellationToken cancellationToken);
}
