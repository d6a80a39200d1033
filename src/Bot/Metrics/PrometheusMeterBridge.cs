using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Metrics;
using Prometheus;

namespace ChatOpsIncidents.Bot.Metrics;

/// <summary>
/// Carries the measurements of the bot's meters (<c>ChatOpsIncidents.*</c>) and ASP.NET Core's (<see cref="FrameworkMeters"/>)
/// created by this host's <see cref="IMeterFactory"/> (so two hosts in one process never mix) into the host's prometheus-net
/// registry, named as <see cref="MetricNames"/> says. prometheus-net's own meter adapter names a metric after its meter and
/// instrument, without unit or <c>_total</c> suffixes, exports counters as gauges and forgets series idle for minutes, so
/// this listener feeds prometheus-net's counters, gauges and histograms instead. Each metric keeps at most
/// <see cref="MaxSeriesPerMetric"/> label sets; measurements for further ones are dropped, counted
/// (<c>chatops_metrics_series_dropped_total</c>) and logged once per metric.
/// </summary>
internal sealed partial class PrometheusMeterBridge : IDisposable
{
    public const int MaxSeriesPerMetric = 1000;

    public static readonly IReadOnlyList<string> FrameworkMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    private readonly IMeterFactory _meters;
    private readonly IMetricFactory _factory;
    private readonly ILogger<PrometheusMeterBridge> _logger;
    private readonly Counter<long> _seriesDropped;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<string, ExportedInstrument> _exported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _capReported = new(StringComparer.Ordinal);

    public PrometheusMeterBridge(IMeterFactory meters, CollectorRegistry registry, ILogger<PrometheusMeterBridge> logger)
    {
        _meters = meters;
        _factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _logger = logger;
        _seriesDropped = meters.Create(ServiceLabels.MeterName).CreateCounter<long>(
            "chatops.metrics.series_dropped", "{measurement}", "Measurements dropped because their metric already had the most label sets allowed.");
        _listener = new MeterListener { InstrumentPublished = Publish, MeasurementsCompleted = (instrument, _) => Forget(instrument) };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, exported) => Record(exported, value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, exported) => Record(exported, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, exported) => Record(exported, (double)value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, exported) => Record(exported, value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, exported) => Record(exported, value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, exported) => Record(exported, value, tags));
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, exported) => Record(exported, value, tags));
        _listener.Start();
    }

    /// <summary>Asks the observable instruments for their values now; series they no longer report are removed.</summary>
    public void Observe()
    {
        ExportedInstrument[] observable = [.. _exported.Values.Where(exported => exported.Instrument.IsObservable)];
        foreach (ExportedInstrument exported in observable)
        {
            exported.BeginObservation();
        }
        _listener.RecordObservableInstruments();
        foreach (ExportedInstrument exported in observable)
        {
            exported.EndObservation();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static bool IsListenedTo(Meter meter) =>
        meter.Name.StartsWith("ChatOpsIncidents.", StringComparison.Ordinal) || FrameworkMeters.Contains(meter.Name);

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (!ReferenceEquals(instrument.Meter.Scope, _meters) || !IsListenedTo(instrument.Meter) || MetricNames.KindOf(instrument) is not { } kind)
        {
            return;
        }
        string name = MetricNames.Of(instrument);
        ExportedInstrument exported = _exported.GetOrAdd(name, _ => new ExportedInstrument(instrument, kind, _factory, MaxSeriesPerMetric));
        if (exported.Instrument != instrument)
        {
            LogNameTaken(_logger, instrument.Meter.Name, instrument.Name, name, exported.Instrument.Meter.Name, exported.Instrument.Name);
            return;
        }
        listener.EnableMeasurementEvents(instrument, exported);
    }

    private void Forget(Instrument instrument)
    {
        string name = MetricNames.Of(instrument);
        if (_exported.TryGetValue(name, out ExportedInstrument? exported) && exported.Instrument == instrument)
        {
            _exported.TryRemove(name, out _);
        }
    }

    private void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var exported = (ExportedInstrument)state!;
        if (exported.Record(value, tags) || exported.Instrument == _seriesDropped)
        {
            return;
        }
        _seriesDropped.Add(1, new KeyValuePair<string, object?>("metric", exported.Name));
        if (_capReported.TryAdd(exported.Name, 0))
        {
            LogSeriesCapReached(_logger, exported.Name, MaxSeriesPerMetric);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "Metric {Metric} reached {MaxSeries} label sets; measurements with new label values are dropped (see chatops_metrics_series_dropped_total)")]
    private static partial void LogSeriesCapReached(ILogger logger, string metric, int maxSeries);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning,
        Message = "Instrument {Meter}/{Instrument} is not exported: its name {Metric} is taken by {TakenMeter}/{TakenInstrument}")]
    private static partial void LogNameTaken(ILogger logger, string meter, string instrument, string metric, string takenMeter, string takenInstrument);
}
