using System.Text.Json;

namespace ChatOpsIncidents.Bot.Events;

/// <summary>
/// A PagerDuty Events API v2 body. Every field is optional on the wire so that a missing one gets PagerDuty's "invalid event"
/// answer naming it instead of a parse failure.
/// </summary>
public sealed record PagerDutyEvent(
    string? RoutingKey,
    string? EventAction,
    string? DedupKey,
    PagerDutyPayload? Payload,
    List<PagerDutyLink?>? Links,
    List<PagerDutyImage?>? Images,
    string? Client,
    string? ClientUrl)
{
    public const int RoutingKeyLength = 32;
}

public sealed record PagerDutyPayload(
    string? Summary,
    string? Source,
    string? Severity,
    string? Timestamp,
    string? Component,
    string? Group,
    string? Class,
    JsonElement? CustomDetails);

public sealed record PagerDutyLink(string? Href, string? Text);

public sealed record PagerDutyImage(string? Src, string? Href, string? Alt);
