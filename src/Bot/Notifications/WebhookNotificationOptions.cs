namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>One outgoing webhook: the incident as JSON, POSTed to <see cref="Url"/> and signed with <see cref="Secret"/>.</summary>
public sealed class WebhookNotificationOptions
{
    public Uri? Url { get; set; }

    /// <summary>The shared secret of the HMAC-SHA256 signature, at least 16 characters. A secret.</summary>
    public string Secret { get; set; } = "";
}
