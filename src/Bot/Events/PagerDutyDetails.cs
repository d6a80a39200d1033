using System.Text.Json;

namespace ChatOpsIncidents.Bot.Events;

/// <summary>What a PagerDuty event carries beyond its named fields, kept with the stored event as JSON.</summary>
public sealed record PagerDutyDetails(
    JsonElement? CustomDetails,
    IReadOnlyList<PagerDutyLink> Links,
    IReadOnlyList<PagerDutyImage> Images,
    string? Client,
    string? ClientUrl);
