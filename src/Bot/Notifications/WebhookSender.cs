using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// Outgoing webhooks: the incident as JSON (<see cref="WebhookNotice"/>), POSTed when a step names the webhook and again when
/// the incident is acknowledged and resolved. Signed as Slack signs its requests: <see cref="TimestampHeader"/> carries the
/// Unix time of the attempt and <see cref="SignatureHeader"/> <c>v1=</c> and the hex HMAC-SHA256, keyed with the webhook's
/// secret, of <c>v1:{timestamp}:{body}</c>, the exact bytes of the body; a receiver recomputes it and rejects a stale timestamp.
/// </summary>
internal sealed class WebhookSender(NotificationHttp http, IncidentLinks links, IOptions<NotificationOptions> options, TimeProvider time)
    : INotificationSender
{
    public const string TimestampHeader = "X-ChatOps-Timestamp";
    public const string SignatureHeader = "X-ChatOps-Signature";

    public PageChannel Channel => PageChannel.Webhook;

    public async Task SendAsync(Page page, IncidentStatus status, CancellationToken cancellationToken)
    {
        if (!options.Value.Webhooks.TryGetValue(page.Recipient, out WebhookNotificationOptions? webhook) || webhook.Url is null)
        {
            throw new NotificationFailure($"no webhook under Notifications:Webhooks:{page.Recipient} any more", isPermanent: true);
        }
        Incident incident = page.Incident;
        Uri? link = await links.ForAsync(incident, cancellationToken);
        string happened = status.ToString().ToLowerInvariant();
        var notice = new WebhookNotice(happened, $"{page.Id}-{happened}", page.Step, new WebhookIncident(
            incident.Key.ToString(), incident.Title, incident.Severity.ToDisplay(), happened, incident.Service, incident.Environment,
            incident.TriggeredAt, incident.AcknowledgedAt, incident.ResolvedAt, link?.AbsoluteUri));
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(notice, WebhookJsonContext.Default.WebhookNotice);
        string timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(webhook.Secret, timestamp, body));
        await http.SendAsync(request, cancellationToken);
    }

    /// <summary><c>v1=</c> and the hex HMAC-SHA256 of <c>v1:{timestamp}:{body}</c> keyed with <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string timestamp, byte[] body)
    {
        byte[] signed = [.. Encoding.UTF8.GetBytes($"v1:{timestamp}:"), .. body];
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
