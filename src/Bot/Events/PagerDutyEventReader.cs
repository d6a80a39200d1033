using System.Globalization;
using System.Text.Json;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Events;

/// <summary>Checks a parsed PagerDuty event as PagerDuty does and translates it to Core's event; the routing key was checked before.</summary>
internal static class PagerDutyEventReader
{
    /// <param name="dedupKey">The event's dedup key, or a new one for a trigger that has none (PagerDuty's rule: always a new alert).</param>
    public static (EventSignal? Signal, IReadOnlyList<string> Errors) Read(PagerDutyEvent body, string integration, EventIntegrationOptions settings, string dedupKey)
    {
        List<string> errors = [];
        EventAction? action = body.EventAction switch
        {
            "trigger" => EventAction.Trigger,
            "acknowledge" => EventAction.Acknowledge,
            "resolve" => EventAction.Resolve,
            _ => null,
        };
        if (action is null)
        {
            errors.Add($"'event_action' must be 'trigger', 'acknowledge' or 'resolve', was {Quote(body.EventAction)}.");
        }
        if (dedupKey.Length > StoredEvent.MaxDedupKeyLength)
        {
            errors.Add($"'dedup_key' is {dedupKey.Length} characters long; at most {StoredEvent.MaxDedupKeyLength} are allowed.");
        }
        if (action is EventAction.Acknowledge or EventAction.Resolve && string.IsNullOrEmpty(body.DedupKey))
        {
            errors.Add($"'dedup_key' is required to {body.EventAction}.");
        }
        PagerDutyPayload? payload = body.Payload;
        EventSeverity? severity = null;
        DateTimeOffset? timestamp = null;
        if (action == EventAction.Trigger)
        {
            if (payload is null)
            {
                errors.Add("'payload' is required to trigger.");
            }
            else
            {
                RequireText(payload.Summary, "payload.summary", errors);
                RequireText(payload.Source, "payload.source", errors);
                severity = payload.Severity switch
                {
                    "critical" => EventSeverity.Critical,
                    "error" => EventSeverity.Error,
                    "warning" => EventSeverity.Warning,
                    "info" => EventSeverity.Info,
                    _ => null,
                };
                if (severity is null)
                {
                    errors.Add($"'payload.severity' must be 'critical', 'error', 'warning' or 'info', was {Quote(payload.Severity)}.");
                }
                timestamp = ReadTimestamp(payload.Timestamp, errors);
            }
        }
        List<PagerDutyLink> links = [.. (body.Links ?? []).OfType<PagerDutyLink>()];
        if (links.Any(link => !IsWebAddress(link.Href)) || body.Links?.Contains(null) == true)
        {
            errors.Add("Every one of 'links' needs an 'href' that is an http or https URL.");
        }
        List<PagerDutyImage> images = [.. (body.Images ?? []).OfType<PagerDutyImage>()];
        if (images.Any(image => !IsWebAddress(image.Src, httpsOnly: true)) || body.Images?.Contains(null) == true)
        {
            errors.Add("Every one of 'images' needs a 'src' that is an https URL.");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        string details = JsonSerializer.Serialize(
            new PagerDutyDetails(payload?.CustomDetails, links, images, body.Client, body.ClientUrl), PagerDutyJsonContext.Default.PagerDutyDetails);
        return (new EventSignal(
            integration,
            settings.Service,
            settings.Labels,
            action!.Value,
            dedupKey,
            severity,
            payload?.Summary is { } summary ? TextLimits.Cut(summary, StoredEvent.MaxSummaryLength) : null,
            payload?.Source,
            payload?.Component,
            payload?.Group,
            payload?.Class,
            timestamp,
            links.FirstOrDefault()?.Href ?? (IsWebAddress(body.ClientUrl) ? body.ClientUrl : null),
            details), []);
    }

    /// <summary>ISO 8601, also with PagerDuty's own offset without a colon (<c>2015-07-17T08:42:58.315+0000</c>).</summary>
    private static DateTimeOffset? ReadTimestamp(string? text, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
            || DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ss.FFFFFFFzzzz", "yyyy-MM-ddTHH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed))
        {
            return parsed;
        }
        errors.Add($"'payload.timestamp' is not an ISO 8601 time: {Quote(text)}.");
        return null;
    }

    private static void RequireText(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"'{field}' is required to trigger.");
        }
    }

    private static bool IsWebAddress(string? url, bool httpsOnly = false) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp));

    private static string Quote(string? value) => value is null ? "missing" : $"'{value}'";
}
