namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// The channels escalation steps can notify beside Slack (<c>Email</c>, <c>Sms</c>, <c>PagerDuty</c>, <c>Webhooks</c> in a step).
/// Their secrets come from configuration or the environment (<c>Notifications__PagerDuty__RoutingKeys__payments</c>) and are
/// never logged.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// Where the dashboard is served (<c>https://incidents.example.com/</c>): notifications link to the incident's page there.
    /// Empty: they link to the incident's Slack channel.
    /// </summary>
    public string DashboardUrl { get; set; } = "";

    /// <summary><see cref="DashboardUrl"/> ending in "/", so that incident pages resolve under it; null when it is empty or not a URL.</summary>
    public Uri? DashboardRoot => Uri.TryCreate(DashboardUrl.EndsWith('/') ? DashboardUrl : DashboardUrl + "/", UriKind.Absolute, out Uri? root) ? root : null;

    /// <summary>How long one attempt to reach a channel may take; a slower one counts as failed and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public PagerDutyNotificationOptions PagerDuty { get; set; } = new();

    /// <summary>Outgoing webhooks by the name steps use.</summary>
    public Dictionary<string, WebhookNotificationOptions> Webhooks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public EmailNotificationOptions Email { get; set; } = new();

    public SmsNotificationOptions Sms { get; set; } = new();
}
