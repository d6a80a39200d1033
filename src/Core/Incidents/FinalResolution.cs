using ChatOpsIncidents.Core.DueWork;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// When an incident's resolution becomes final, no alert being able to reopen it any more, and when its time to resolve was
/// counted then. A histogram cannot take a value back, so a flapping incident is counted once, from its opening to its final
/// resolution, and never again (<see cref="CountedAt"/>).
/// </summary>
public sealed class FinalResolution : IIncidentDueWork
{
    private FinalResolution()
    {
    }

    internal FinalResolution(Incident incident) => Incident = incident;

    public long IncidentId { get; private set; }

    public Incident Incident { get; private set; } = null!;

    /// <summary>When the resolution becomes final (Incidents:ReopenWindow after it), while the incident is resolved and not counted yet.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>When the time to resolve was counted; set once.</summary>
    public DateTimeOffset? CountedAt { get; private set; }

    internal void Resolved(DateTimeOffset finalAt) => DueAt = finalAt;

    internal void Reopened() => DueAt = null;

    internal void Count(DateTimeOffset at)
    {
        CountedAt = at;
        DueAt = null;
    }
}
