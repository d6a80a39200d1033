using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Core.Events;

/// <summary>An event as received, kept for its retention whether or not it fed an incident, so that it can be looked up later.</summary>
public sealed class StoredEvent
{
    /// <summary>PagerDuty's own limit on a dedup key.</summary>
    public const int MaxDedupKeyLength = 255;

    /// <summary>The longest summary kept: PagerDuty's limit.</summary>
    public const int MaxSummaryLength = 1024;

    /// <summary>The longest details text kept; longer details are dropped rather than cut, since cut JSON is no longer JSON.</summary>
    public const int MaxDetailsLength = 64 * 1024;

    private StoredEvent()
    {
    }

    internal StoredEvent(EventSignal signal, DateTimeOffset receivedAt, long? incidentId)
    {
        Integration = TextLimits.Cut(signal.Integration, TextLimits.Service);
        Service = TextLimits.CutOptional(signal.Service, TextLimits.Service);
        Action = signal.Action;
        DedupKey = TextLimits.Cut(signal.DedupKey, MaxDedupKeyLength);
        Severity = signal.Severity;
        Summary = TextLimits.CutOptional(signal.Summary, MaxSummaryLength);
        Source = TextLimits.CutOptional(signal.Source, TextLimits.LabelValue);
        Component = TextLimits.CutOptional(signal.Component, TextLimits.LabelValue);
        Group = TextLimits.CutOptional(signal.Group, TextLimits.LabelValue);
        Class = TextLimits.CutOptional(signal.Class, TextLimits.LabelValue);
        Url = AlertText.BoundedUrl(signal.Url);
        Details = signal.Details?.Length > MaxDetailsLength ? null : signal.Details;
        OccurredAt = (signal.OccurredAt ?? receivedAt).ToStorable();
        ReceivedAt = receivedAt;
        IncidentId = incidentId;
    }

    public long Id { get; private set; }

    public string Integration { get; private set; } = "";

    public string? Service { get; private set; }

    public EventAction Action { get; private set; }

    public string DedupKey { get; private set; } = "";

    public EventSeverity? Severity { get; private set; }

    public string? Summary { get; private set; }

    public string? Source { get; private set; }

    public string? Component { get; private set; }

    public string? Group { get; private set; }

    public string? Class { get; private set; }

    public string? Url { get; private set; }

    public string? Details { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The incident the event fed, if any.</summary>
    public long? IncidentId { get; private set; }
}
