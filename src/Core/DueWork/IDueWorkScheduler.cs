namespace ChatOpsIncidents.Core.DueWork;

/// <summary>
/// Wakes <see cref="DueWorkService.FireDueAsync"/> when work is due: the work of a <c>kind</c> named
/// <c>key</c> (such as "INC-42"). Only a wake-up call: the incident database says what is due, so a lost or doubled wake-up
/// changes nothing (the overdue sweep finds what a lost one left).
/// </summary>
public interface IDueWorkScheduler
{
    /// <summary>Wakes the work at <paramref name="dueAt"/>, replacing any earlier wake-up of it.</summary>
    Task ScheduleAsync(string kind, string key, DateTimeOffset dueAt, CancellationToken cancellationToken);

    Task CancelAsync(string kind, string key, CancellationToken cancellationToken);
}
