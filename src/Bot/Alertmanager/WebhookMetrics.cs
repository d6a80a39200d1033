using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using ChatOpsIncidents.Core.Alerts;

namespace ChatOpsIncidents.Bot.Alertmanager;

/// <summary>The webhook's requests and the alerts they carried, on the meter <see cref="MeterName"/>.</summary>
internal sealed class WebhookMetrics
{
    public const string MeterName = "ChatOpsIncidents.Alertmanager";

    /// <summary>A webhook is answered in milliseconds unless the database is slow: 5 ms up to 10 s.</summary>
    private static readonly IReadOnlyList<double> s_durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _alertsReceived;
    private readonly Histogram<double> _requestDuration;

    public WebhookMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(MeterName);
        _alertsReceived = meter.CreateCounter<long>(
            "chatops.alerts.received", "{alert}", "Alerts in Alertmanager webhook deliveries that were committed, by alert status (repeats included).");
        _requestDuration = meter.CreateHistogram(
            "chatops.webhook.request.duration", "s", "Alertmanager webhook requests and how long they took to answer, by outcome and HTTP status code.",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
    }

    public void AlertsReceived(AlertGroupSignal group)
    {
        foreach (IGrouping<AlertStatus, AlertSignal> alerts in group.Alerts.GroupBy(a => a.Status))
        {
            _alertsReceived.Add(alerts.Count(), new KeyValuePair<string, object?>("status", alerts.Key.ToString().ToLowerInvariant()));
        }
    }

    public void Answered(int statusCode, TimeSpan duration) => _requestDuration.Record(duration.TotalSeconds, new TagList
    {
        { "outcome", statusCode switch { < 400 => "accepted", 401 => "unauthorized", < 500 => "rejected", _ => "failed" } },
        { "code", statusCode.ToString(CultureInfo.InvariantCulture) },
    });
}
