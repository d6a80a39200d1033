namespace ChatOpsIncidents.Core.Incidents;

public enum ActorKind
{
    System,
    Alertmanager,
    SlackUser,
    Runbook,
    Api,

    /// <summary>A tool that sent an event through a configured integration (<c>Events:Integrations</c>).</summary>
    Integration,
}
