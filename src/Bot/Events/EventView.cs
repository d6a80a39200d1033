using System.Text.Json;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Events;

/// <param name="Details">What the sender sent beyond the named fields (custom details, links, images).</param>
/// <param name="Incident">The incident the event fed, if any.</param>
public sealed record EventView(
    long Id,
    string Integration,
    string? Service,
    string Action,
    string DedupKey,
    string? Severity,
    string? Summary,
    string? Source,
    string? Component,
    string? Group,
    string? Class,
    string? Url,
    JsonElement? Details,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string? Incident)
{
    public static EventView From(StoredEvent stored) => new(
        stored.Id,
        stored.Integration,
        stored.Service,
        stored.Action.ToString().ToLowerInvariant(),
        stored.DedupKey,
        stored.Severity?.ToString().ToLowerInvariant(),
        stored.Summary,
        stored.Source,
        stored.Component,
        stored.Group,
        stored.Class,
        stored.Url,
        stored.Details is null ? null : JsonDocument.Parse(stored.Details).RootElement.Clone(),
        stored.OccurredAt,
        stored.ReceivedAt,
        stored.IncidentId is { } id ? new IncidentKey(id).ToString() : null);
}
