namespace ChatOpsIncidents.Core.Incidents;

public enum IncidentSource
{
    /// <summary>Opened by an Alertmanager alert group.</summary>
    Alertmanager,

    /// <summary>Declared by a person.</summary>
    Manual,
}
