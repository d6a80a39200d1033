using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.DueWork;

/// <summary>
/// A row in the incident database that says when something is next due for its incident: an escalation step, a postmortem
/// reminder. <see cref="DueAt"/> is null while nothing is.
/// </summary>
public interface IDueWork
{
    long IncidentId { get; }

    Incident Incident { get; }

    DateTimeOffset? DueAt { get; }
}
