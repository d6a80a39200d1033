namespace ChatOpsIncidents.Core.Incidents;

public enum ActorKind
{
    System,
    Alertmanager,
    SlackUser,
    Runbook,
    Api,
}
