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

    /// <summary>
    /// A person signed in to the web dashboard with an account that is not a Slack user (Okta, Google...): their email (or
    /// the provider's subject id) and their name.
    /// </summary>
    WebUser,
}
