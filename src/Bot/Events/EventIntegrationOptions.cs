namespace ChatOpsIncidents.Bot.Events;

public sealed class EventIntegrationOptions
{
    /// <summary>The 32-character key the tool sends as <c>routing_key</c>: the integration's only credential, a secret.</summary>
    public string RoutingKey { get; set; } = "";

    /// <summary>The service the integration's incidents belong to.</summary>
    public string? Service { get; set; }

    /// <summary>Labels every event of the integration carries, read like an alert's (environment, team…).</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);
}
