using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// Where an incident's escalation stands: which policy, how many steps fired since the incident last triggered, and when the
/// next one is due (null: stopped, by an ack or a resolve, or exhausted). Changed only together with the incident, so the
/// incident's version guards it against a racing ack.
/// </summary>
public sealed class IncidentEscalation : IIncidentDueWork
{
    private IncidentEscalation()
    {
    }

    internal IncidentEscalation(Incident incident) => Incident = incident;

    public long IncidentId { get; private set; }

    public Incident Incident { get; private set; } = null!;

    public string Policy { get; private set; } = "";

    /// <summary>The incident's <see cref="Incidents.Incident.TriggeredAt"/> this escalation belongs to; a reopening starts a new one.</summary>
    public DateTimeOffset TriggeredAt { get; private set; }

    public int StepsFired { get; private set; }

    /// <summary>When the next step is due.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    internal void Start(string policy, DateTimeOffset triggeredAt, DateTimeOffset firstStepAt)
    {
        Policy = policy;
        TriggeredAt = triggeredAt;
        StepsFired = 0;
        DueAt = firstStepAt;
    }

    internal void Fired(DateTimeOffset? nextStepAt)
    {
        StepsFired++;
        DueAt = nextStepAt;
    }

    internal void Stop() => DueAt = null;
}
