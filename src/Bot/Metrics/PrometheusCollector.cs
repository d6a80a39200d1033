using System.Diagnostics.Metrics;
using System.Globalization;

namespace ChatOpsIncidents.Bot.Metrics;

/// <summary>
/// Listens to the bot's meters (<c>ChatOpsIncidents.*</c>) and ASP.NET Core's (<see cref="FrameworkMeters"/>) created by
/// this host's <see cref="IMeterFactory"/> (so two hosts in one process never mix), keeps their values, and writes them as
/// Prometheus text. Each metric keeps at most <see cref="MaxSeriesPerMetric"/> label sets: labels such as service come
/// from alerts, and a runaway label must not eat the memory; measurements for further label sets are dropped, counted
/// (<c>chatops_metrics_series_dropped_total</c>) and logged once per metric.
/// </summary>
internal sealed partial class PrometheusCollector : IDisposable
{
    public const string MeterName = "ChatOpsIncidents.Metrics";
    public const int MaxSeriesPerMetric = 1000;

    public static readonly IReadOnlyList<string> FrameworkMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    private readonly IMeterFactory _meters;
    private readonly ILogger<PrometheusCollector> _logger;
    private readonly Counter<long> _seriesDropped;
    private readonly MeterListener _listener;
    private readonly Lock _familiesLock = new();
    private readonly Dictionary<Instrument, MetricFamily> _families = [];
    private readonly Lock _collectLock = new();

    public PrometheusCollector(IMeterFactory meters, ILogger<PrometheusCollector> logger)
    {
        _meters = meters;
        _logger = logger;
        _seriesDropped = meters.Create(MeterName).CreateCounter<long>(
            "chatops.metrics.series_dropped", "{measurement}", "Measurements dropped because their metric already had the most label sets allowed.");
        _listener = new MeterListener { InstrumentPublished = Publish, MeasurementsCompleted = (instrument, _) => Forget(instrument) };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, family) => Record(family, value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, family) => Record(family, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, family) => Record(family, (double)value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, family) => Record(family, value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, family) => Record(family, value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, family) => Record(family, value, tags));
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, family) => Record(family, value, tags));
        _listener.Start();
    }

    /// <summary>Observes the observable instruments and writes every metric family, sorted by name.</summary>
    public string Collect()
    {
        lock (_collectLock)
        {
            MetricFamily[] families;
            lock (_familiesLock)
            {
                families = [.. _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
            }
            foreach (MetricFamily family in families.Where(f => f.Instrument.IsObservable))
            {
                family.Clear();
            }
            _listener.RecordObservableInstruments();
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            foreach (MetricFamily family in families)
            {
                family.WriteTo(text);
            }
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static bool IsListenedTo(Meter meter) =>
        meter.Name.StartsWith("ChatOpsIncidents.", StringComparison.Ordinal) || FrameworkMeters.Contains(meter.Name);

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (!ReferenceEquals(instrument.Meter.Scope, _meters) || !IsListenedTo(instrument.Meter))
        {
            return;
        }
        var family = new MetricFamily(instrument, MaxSeriesPerMetric);
        lock (_familiesLock)
        {
            if (_families.Values.FirstOrDefault(f => f.Name == family.Name) is { } taken)
            {
                LogNameTaken(_logger, instrument.Meter.Name, instrument.Name, family.Name, taken.Instrument.Meter.Name, taken.Instrument.Name);
                return;
            }
            _families[instrument] = family;
        }
        listener.EnableMeasurementEvents(instrument, family);
    }

    private void Forget(Instrument instrument)
    {
        lock (_familiesLock)
        {
            _families.Remove(instrument);
        }
    }

    private void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var family = (MetricFamily)state!;
        if (family.Record(value, tags) || family.Instrument == _seriesDropped)
        {
            return;
        }
        _seriesDropped.Add(1, new KeyValuePair<string, object?>("metric", family.Name));
        if (family.FirstTimeAtCap())
        {
            LogSeriesCapReached(_logger, family.Name, MaxSeriesPerMetric);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "Metric {Metric} reached {MaxSeries} label sets; measurements with new label values are dropped (see chatops_metrics_series_dropped_total)")]
    private static partial void LogSeriesCapReached(ILogger logger, string metric, int maxSeries);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning,
        Message = "Instrument {Meter}/{Instrument} is not exported: its name {Metric} is taken by {TakenMeter}/{TakenInstrument}")]
    private static partial void LogNameTaken(ILogger logger, string meter, string instrument, string metric, string takenMeter, string takenInstrument);
}
