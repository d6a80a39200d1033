using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Heartbeats;

/// <summary>
/// The alerting pipeline's dead-man's switch: when its heartbeat alert last arrived, and when the pipeline counts as silent if
/// none arrives before (<see cref="DueAt"/>, null while it is silent already or the switch is off). One row, so replicas share it.
/// </summary>
public sealed class Heartbeat : IDueWork
{
    /// <summary>The row's key, and its trigger's name among the due work of its kind.</summary>
    public const string PipelineName = "alerting-pipeline";

    private Heartbeat()
    {
    }

    internal Heartbeat(DateTimeOffset dueAt)
    {
        Name = PipelineName;
        DueAt = dueAt;
    }

    public string Name { get; private set; } = "";

    public DateTimeOffset? LastBeatAt { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>The incident opened when the pipeline fell silent, until the heartbeat returns.</summary>
    public long? SilentIncidentId { get; private set; }

    public Incident? SilentIncident { get; private set; }

    /// <summary>Silent, with its incident open: arming it again would page twice for one silence.</summary>
    internal bool IsSilent => SilentIncident is { IsOpen: true };

    internal void Arm(DateTimeOffset dueAt) => DueAt = dueAt;

    internal void Disarm() => DueAt = null;

    internal void Beat(DateTimeOffset at, DateTimeOffset dueAt)
    {
        LastBeatAt = at;
        DueAt = dueAt;
        SilentIncident = null;
        SilentIncidentId = null;
    }

    internal void FellSilent(Incident incident)
    {
        SilentIncident = incident;
        DueAt = null;
    }
}
