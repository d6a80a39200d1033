namespace ChatOpsIncidents.Core.Escalation;

/// <summary>How a page reaches its recipient: a Slack direct message, or one of the notification channels beside Slack.</summary>
public enum PageChannel
{
    /// <summary>A direct message to a Slack user (or, handed on, to a Slack user group's members).</summary>
    Slack,

    /// <summary>An email to an address, or to a Slack user's address.</summary>
    Email,

    /// <summary>A text message to a phone number, through Twilio.</summary>
    Sms,

    /// <summary>An event in a PagerDuty service (Events API v2), acknowledged and resolved with the incident.</summary>
    PagerDuty,

    /// <summary>A signed POST of the incident to a configured URL, sent again when the incident is acknowledged or resolved.</summary>
    Webhook,
}

public static class PageChannelNames
{
    /// <summary>The channel as the metrics and the API name it: <c>slack</c>, <c>email</c>, <c>sms</c>, <c>pagerduty</c>, <c>webhook</c>.</summary>
    public static string ToName(this PageChannel channel) => channel.ToString().ToLowerInvariant();

    /// <summary>Whether the receiver keeps an incident of its own that is to follow ours: acknowledged and resolved with it.</summary>
    public static bool FollowsIncident(this PageChannel channel) => channel is PageChannel.PagerDuty or PageChannel.Webhook;
}
