using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.DueWork;

/// <summary>
/// A row in the incident database that says when something is next due: an escalation step, a postmortem reminder.
/// <see cref="DueAt"/> is null while nothing is. It is the row's concurrency token: a firing moves it on, so two replicas
/// firing the same work cannot both commit.
/// </summary>
public interface IDueWork
{
    DateTimeOffset? DueAt { get; }
}

/// <summary>Due work that belongs to one incident, named after it ("INC-42") among the work of its kind.</summary>
public interface IIncidentDueWork : IDueWork
{
    long IncidentId { get; }

    Incident Incident { get; }
}
