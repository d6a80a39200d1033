using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Metrics;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// Incidents opened, the response times and alert storms of the meter <see cref="MeterName"/>, recorded once their change is
/// committed (see <c>IncidentMetricsInterceptor</c>), tagged by severity ("SEV1".."SEV4") and service (bounded by
/// <see cref="ServiceLabels"/>).
/// </summary>
public sealed class IncidentMetrics
{
    public const string MeterName = "ChatOpsIncidents.Incidents";

    /// <summary>Response times run from minutes to hours: 30 s up to 3 days.</summary>
    public static readonly IReadOnlyList<double> ResponseTimeBuckets = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200];

    private readonly ServiceLabels _services;
    private readonly Counter<long> _opened;
    private readonly Histogram<double> _timeToAcknowledge;
    private readonly Histogram<double> _timeToResolve;
    private readonly Counter<long> _noise;
    private readonly Counter<long> _stormsOpened;
    private readonly Counter<long> _stormIncidentsAttached;

    public IncidentMetrics(IMeterFactory meters, ServiceLabels services)
    {
        _services = services;
        Meter meter = meters.Create(MeterName);
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = ResponseTimeBuckets };
        _opened = meter.CreateCounter<long>("chatops.incidents.opened", "{incident}", "Incidents opened, from alerts or declared by hand.");
        _timeToAcknowledge = meter.CreateHistogram(
            "chatops.incident.time_to_acknowledge", "s", "Time from an incident's latest trigger to its acknowledgement.", tags: null, buckets);
        _timeToResolve = meter.CreateHistogram(
            "chatops.incident.time_to_resolve", "s", "Time from an incident's opening to its final resolution, counted once when no alert can reopen it any more.", tags: null, buckets);
        _noise = meter.CreateCounter<long>(
            "chatops.incidents.noise", "{incident}", "Incidents people resolved as not actionable (noise), by the alert name that opened them (\"none\" for declared or mixed ones).");
        _stormsOpened = meter.CreateCounter<long>("chatops.storms.opened", "{storm}", "Alert storms opened (Storms:Threshold).");
        _stormIncidentsAttached = meter.CreateCounter<long>(
            "chatops.storm.incidents_attached", "{incident}", "Incidents attached to an alert storm, by their severity.");
    }

    internal void StormOpened() => _stormsOpened.Add(1);

    internal void MarkedNoise(string? alertName) => _noise.Add(1, new KeyValuePair<string, object?>("alertname", MetricLabel.Bound(alertName ?? "none")));

    internal void AttachedToStorm(Severity severity) => _stormIncidentsAttached.Add(1, new KeyValuePair<string, object?>("severity", severity.ToDisplay()));

    internal void Opened(IncidentTimes incident) => _opened.Add(1, Tags(incident));

    internal void Acknowledged(IncidentTimes incident)
    {
        if (incident.TimeToAcknowledge is { } elapsed)
        {
            _timeToAcknowledge.Record(elapsed.TotalSeconds, Tags(incident));
        }
    }

    internal void Resolved(IncidentTimes incident)
    {
        if (incident.TimeToResolve is { } elapsed)
        {
            _timeToResolve.Record(elapsed.TotalSeconds, Tags(incident));
        }
    }

    private TagList Tags(IncidentTimes incident) => new()
    {
        { "severity", incident.Severity.ToDisplay() },
        { "service", _services.For(incident.Service) },
    };
}
