namespace ChatOpsIncidents.Core.Incidents;

public enum IncidentStatus
{
    Triggered,
    Acknowledged,
    Resolved,
}
