using System.Globalization;
using System.Text.Json;
using ChatOpsIncidents.Bot.Events;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// PagerDuty's Events API v2: a step triggers an event in the service the page names, and the incident's ack and resolve
/// acknowledge and resolve it. The dedup key is the incident's key, so a repeated event (a retry, a restart) lands on the
/// same PagerDuty incident and PagerDuty never disagrees with the bot about it.
/// </summary>
internal sealed class PagerDutySender(NotificationHttp http, IncidentLinks links, IOptions<NotificationOptions> options) : INotificationSender
{
    /// <summary>PagerDuty takes summaries of up to 1024 characters.</summary>
    private const int MaxSummaryLength = 1024;

    public PageChannel Channel => PageChannel.PagerDuty;

    public async Task SendAsync(Page page, IncidentStatus status, CancellationToken cancellationToken)
    {
        PagerDutyNotificationOptions settings = options.Value.PagerDuty;
        if (!settings.RoutingKeys.TryGetValue(page.Recipient, out string? routingKey))
        {
            throw new NotificationFailure($"no routing key under Notifications:PagerDuty:RoutingKeys:{page.Recipient} any more", isPermanent: true);
        }
        Incident incident = page.Incident;
        string dedupKey = incident.Key.ToString();
        PagerDutyEvent body = status switch
        {
            IncidentStatus.Triggered => await TriggerAsync(routingKey, dedupKey, page, cancellationToken),
            IncidentStatus.Acknowledged => new PagerDutyEvent(routingKey, "acknowledge", dedupKey, null, null, null, null, null),
            _ => new PagerDutyEvent(routingKey, "resolve", dedupKey, null, null, null, null, null),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.EventsUrl)
        {
            Content = JsonContent.Create(body, PagerDutyJsonContext.Default.PagerDutyEvent),
        };
        await http.SendAsync(request, cancellationToken);
    }

    private async Task<PagerDutyEvent> TriggerAsync(string routingKey, string dedupKey, Page page, CancellationToken cancellationToken)
    {
        Incident incident = page.Incident;
        var details = new Dictionary<string, string> { ["incident"] = dedupKey, ["escalation"] = page.Step };
        if (incident.Service is { } service)
        {
            details["service"] = service;
        }
        var payload = new PagerDutyPayload(
            Truncate($"{dedupKey} {incident.Severity.ToDisplay()}: {incident.Title}"),
            incident.Service ?? "chatops-incidents",
            SeverityOf(incident.Severity),
            incident.TriggeredAt.ToString("O", CultureInfo.InvariantCulture),
            null,
            null,
            null,
            JsonSerializer.SerializeToElement(details, PagerDutyJsonContext.Default.DictionaryStringString));
        Uri? link = await links.ForAsync(incident, cancellationToken);
        List<PagerDutyLink?>? linkList = link is null ? null : [new PagerDutyLink(link.AbsoluteUri, dedupKey)];
        return new PagerDutyEvent(routingKey, "trigger", dedupKey, payload, linkList, null, "ChatOpsIncidents", link?.AbsoluteUri);
    }

    /// <summary>PagerDuty's severities: critical, error, warning, info.</summary>
    private static string SeverityOf(Severity severity) => severity switch
    {
        Severity.Sev1 => "critical",
        Severity.Sev2 => "error",
        Severity.Sev3 => "warning",
        _ => "info",
    };

    private static string Truncate(string summary) => summary.Length <= MaxSummaryLength ? summary : summary[..(MaxSummaryLength - 1)] + "…";
}
