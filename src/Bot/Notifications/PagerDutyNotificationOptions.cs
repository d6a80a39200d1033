namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>PagerDuty's Events API v2, where steps trigger events that the bot acknowledges and resolves with the incident.</summary>
public sealed class PagerDutyNotificationOptions
{
    public Uri EventsUrl { get; set; } = new("https://events.pagerduty.com/v2/enqueue");

    /// <summary>The integration (routing) key of each PagerDuty service, by the name steps use. Secrets.</summary>
    public Dictionary<string, string> RoutingKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
