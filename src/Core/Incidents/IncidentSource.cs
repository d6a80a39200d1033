namespace ChatOpsIncidents.Core.Incidents;

public enum IncidentSource
{
    /// <summary>Opened by an Alertmanager alert group.</summary>
    Alertmanager,

    /// <summary>Declared by a person.</summary>
    Manual,

    /// <summary>Opened by the bot when many incidents opened at once, to gather them (Storms:Threshold).</summary>
    Storm,

    /// <summary>Opened by the bot when the alerting pipeline's heartbeat stopped (Alertmanager:Heartbeat).</summary>
    Heartbeat,
}
