using ChatOpsIncidents.Core.Events;

namespace ChatOpsIncidents.Bot.Events;

public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>The tools that may send events, by name; each sends with its own routing key.</summary>
    public Dictionary<string, EventIntegrationOptions> Integrations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The least severe trigger that opens an incident; less severe ones are only stored.</summary>
    public EventSeverity IncidentSeverity { get; set; } = EventSeverity.Warning;

    /// <summary>How long stored events are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Events each integration may send per minute, counted over the last minute (PagerDuty allows about 120).</summary>
    public int RateLimitPerMinute { get; set; } = 120;
}
