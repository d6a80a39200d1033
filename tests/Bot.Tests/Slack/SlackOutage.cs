namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>How the Slack stand-in behaves while "Slack is down".</summary>
public enum SlackOutage
{
    /// <summary>Slack is up.</summary>
    None,

    /// <summary>Every request gets HTTP 500 with an HTML error page, as from a load balancer.</summary>
    ServerErrors,

    /// <summary>Every connection is dropped without an answer once the request has been read.</summary>
    DroppedConnections,
}
