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

    /// <summary>
    /// Every request is held unanswered on the stand-in's clock until the caller gives up (its timeout), and is never
    /// carried out: a Slack that hangs.
    /// </summary>
    Timeouts,
}
