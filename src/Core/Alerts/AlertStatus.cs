namespace ChatOpsIncidents.Core.Alerts;

public enum AlertStatus
{
    Firing,
    Resolved,
}
