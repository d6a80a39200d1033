using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Storms;

/// <summary>
/// An alert storm: its incident (<see cref="Incident"/>) gathers the incidents opened while it lasts. At most one storm is
/// <see cref="Ongoing"/> at a time, a unique index says so, so replicas that detect one at once make one. <see cref="DueAt"/>
/// is when the storm may have ended: the earliest the rate of new incidents can have dropped below the threshold.
/// </summary>
public sealed class Storm : IIncidentDueWork
{
    private Storm()
    {
    }

    internal Storm(Incident incident, DateTimeOffset startedAt, DateTimeOffset checkAt)
    {
        Incident = incident;
        StartedAt = startedAt;
        Ongoing = true;
        DueAt = checkAt;
    }

    public long IncidentId { get; private set; }

    public Incident Incident { get; private set; } = null!;

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public bool Ongoing { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    internal void CheckAgainAt(DateTimeOffset at) => DueAt = at;

    /// <summary>Ends the storm; its incident's timeline says so with <paramref name="summary"/> of what it gathered. The incident stays as people left it.</summary>
    internal void End(string summary, DateTimeOffset at)
    {
        Ongoing = false;
        EndedAt = at;
        DueAt = null;
        Incident.Record(TimelineEntryKind.StormEnded, Actor.System, at, $"Storm ended: {summary}");
    }
}
