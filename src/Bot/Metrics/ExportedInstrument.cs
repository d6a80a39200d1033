using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Metrics;
using Prometheus;

namespace ChatOpsIncidents.Bot.Metrics;

/// <summary>
/// One instrument as a Prometheus metric family of prometheus-net: a collector per set of label names (measurements of
/// one instrument may carry different tags) and at most a fixed number of series. The family exists from the moment the
/// instrument is published, so a scrape shows its HELP and TYPE lines before its first measurement.
/// </summary>
internal sealed class ExportedInstrument
{
    /// <summary>Prometheus' default buckets, for histograms that bring no bucket advice.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly IMetricFactory _factory;
    private readonly int _maxSeries;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Collector> _collectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ChildBase Child, bool Labelled)> _series = new(StringComparer.Ordinal);
    private HashSet<string>? _observed;

    public ExportedInstrument(Instrument instrument, InstrumentKind kind, IMetricFactory factory, int maxSeries)
    {
        Instrument = instrument;
        Kind = kind;
        Name = MetricNames.Of(instrument);
        _factory = factory;
        _maxSeries = maxSeries;
        CollectorFor([]);
    }

    public Instrument Instrument { get; }

    public InstrumentKind Kind { get; }

    public string Name { get; }

    /// <summary>Adds the measurement to its series; false when that would have started a series past the cap (dropped).</summary>
    public bool Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        (string[] names, string[] values) = Labels(tags);
        // Label names are sanitised and values printable ASCII (MetricLabel), so neither holds a line feed.
        string key = string.Join('\n', names) + "\n\n" + string.Join('\n', values);
        (ChildBase Child, bool Labelled) series;
        lock (_lock)
        {
            if (!_series.TryGetValue(key, out series))
            {
                if (_series.Count >= _maxSeries)
                {
                    return false;
                }
                ChildBase child = CollectorFor(names) switch
                {
                    Counter counter => counter.WithLabels(values),
                    Histogram histogram => histogram.WithLabels(values),
                    Gauge gauge => gauge.WithLabels(values),
                    var other => throw new InvalidOperationException($"Unexpected collector {other.GetType().Name} for {Name}."),
                };
                series = (child, names.Length > 0);
                _series.Add(key, series);
            }
            _observed?.Add(key);
        }
        Apply(series.Child, value);
        return true;
    }

    /// <summary>Starts a collection of an observable instrument: its callback reports every series it still has.</summary>
    public void BeginObservation()
    {
        lock (_lock)
        {
            _observed = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Ends a collection: the series the callback did not report are gone.</summary>
    public void EndObservation()
    {
        lock (_lock)
        {
            foreach (string key in _series.Keys.Where(key => !_observed!.Contains(key)).ToList())
            {
                (ChildBase child, bool labelled) = _series[key];
                if (labelled)
                {
                    child.Remove();
                }
                else
                {
                    child.Unpublish(); // the unlabelled series belongs to its collector: hidden until measured again
                }
                _series.Remove(key);
            }
            _observed = null;
        }
    }

    private void Apply(ChildBase series, double value)
    {
        switch (Kind, series)
        {
            case (InstrumentKind.Counter, Counter.Child counter) when value >= 0:
                counter.Inc(value);
                break;
            case (InstrumentKind.ObservableCounter, Counter.Child counter):
                counter.IncTo(value);
                break;
            case (InstrumentKind.UpDownCounter, Gauge.Child gauge):
                gauge.Inc(value);
                break;
            case (InstrumentKind.Gauge, Gauge.Child gauge):
                gauge.Set(value);
                break;
            case (InstrumentKind.Histogram, Histogram.Child histogram):
                histogram.Observe(value);
                break;
        }
    }

    private Collector CollectorFor(string[] labelNames)
    {
        string key = string.Join('\n', labelNames);
        if (!_collectors.TryGetValue(key, out Collector? collector))
        {
            // prometheus-net writes help text as given; the text format wants backslashes and line feeds escaped.
            string help = (Instrument.Description ?? Instrument.Name).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            collector = Kind switch
            {
                InstrumentKind.Counter or InstrumentKind.ObservableCounter =>
                    _factory.CreateCounter(Name, help, labelNames, new CounterConfiguration { SuppressInitialValue = true }),
                InstrumentKind.Histogram =>
                    _factory.CreateHistogram(Name, help, labelNames, new HistogramConfiguration { SuppressInitialValue = true, Buckets = [.. BucketsOf(Instrument)] }),
                _ => _factory.CreateGauge(Name, help, labelNames, new GaugeConfiguration { SuppressInitialValue = true }),
            };
            _collectors.Add(key, collector);
        }
        return collector;
    }

    /// <summary>Label names sorted (so equal tag sets share a series) and each value bounded.</summary>
    private static (string[] Names, string[] Values) Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return ([], []);
        }
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            labels.TryAdd(MetricNames.LabelName(tag.Key), MetricLabel.Bound(MetricNames.TagValue(tag.Value)));
        }
        return ([.. labels.Keys], [.. labels.Values]);
    }

    private static IEnumerable<double> BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> histogram => histogram.Advice?.HistogramBucketBoundaries,
        Histogram<long> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound),
        Histogram<int> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound),
        _ => null,
    } ?? DefaultBuckets;
}
