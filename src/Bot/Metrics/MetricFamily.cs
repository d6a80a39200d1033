using System.Diagnostics.Metrics;

namespace ChatOpsIncidents.Bot.Metrics;

/// <summary>
/// One instrument as a Prometheus metric family: its series (one per distinct label set, at most a fixed number) and
/// their text. Measurements arrive on any thread; a lock per family keeps each series consistent.
/// </summary>
internal sealed class MetricFamily
{
    /// <summary>Prometheus' default buckets, for histograms that bring no bucket advice.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);
    private readonly double[] _bounds;
    private readonly int _maxSeries;
    private int _capReported;

    public MetricFamily(Instrument instrument, int maxSeries)
    {
        Instrument = instrument;
        Name = PrometheusText.MetricName(instrument);
        Type? kind = PrometheusText.KindOf(instrument);
        Aggregation = instrument.IsObservable || kind == typeof(Gauge<>) ? MetricAggregation.LastValue
            : kind == typeof(Histogram<>) ? MetricAggregation.Histogram
            : MetricAggregation.Sum;
        TypeName = Aggregation == MetricAggregation.Histogram ? "histogram" : PrometheusText.IsCounter(instrument) ? "counter" : "gauge";
        _bounds = Aggregation == MetricAggregation.Histogram ? [.. BucketsOf(instrument)] : [];
        _maxSeries = maxSeries;
    }

    public Instrument Instrument { get; }

    public string Name { get; }

    public string TypeName { get; }

    public MetricAggregation Aggregation { get; }

    /// <summary>Adds the measurement to its series; false when that would have started a series past the cap (dropped).</summary>
    public bool Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string labels = Labels(tags);
        lock (_lock)
        {
            if (!_series.TryGetValue(labels, out Series? series))
            {
                if (_series.Count >= _maxSeries)
                {
                    return false;
                }
                series = new Series(_bounds.Length + 1);
                _series.Add(labels, series);
            }
            series.Add(value, Aggregation, _bounds);
        }
        return true;
    }

    /// <summary>True the first time only, so reaching the cap is logged once per metric.</summary>
    public bool FirstTimeAtCap() => Interlocked.Exchange(ref _capReported, 1) == 0;

    /// <summary>Forgets every series: observable instruments report afresh on each collection, so gone label sets vanish.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _series.Clear();
        }
    }

    /// <summary>HELP, TYPE and one line per sample; only HELP and TYPE while nothing was measured.</summary>
    public void WriteTo(TextWriter writer)
    {
        writer.Write($"# HELP {Name} {PrometheusText.Help(Instrument.Description ?? Instrument.Name)}\n");
        writer.Write($"# TYPE {Name} {TypeName}\n");
        List<(string Labels, Series Series)> snapshot;
        lock (_lock)
        {
            snapshot = [.. _series.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value.Copy()))];
        }
        foreach ((string labels, Series series) in snapshot)
        {
            if (Aggregation != MetricAggregation.Histogram)
            {
                WriteSample(writer, Name, labels, series.Value);
                continue;
            }
            long cumulative = 0;
            string separator = labels.Length == 0 ? "" : ",";
            for (int bucket = 0; bucket <= _bounds.Length; bucket++)
            {
                cumulative += series.BucketCounts[bucket];
                double bound = bucket < _bounds.Length ? _bounds[bucket] : double.PositiveInfinity;
                WriteSample(writer, Name + "_bucket", $"{labels}{separator}le=\"{PrometheusText.Number(bound)}\"", cumulative);
            }
            WriteSample(writer, Name + "_sum", labels, series.Value);
            WriteSample(writer, Name + "_count", labels, cumulative);
        }
    }

    private static void WriteSample(TextWriter writer, string name, string labels, double value) =>
        writer.Write(labels.Length == 0 ? $"{name} {PrometheusText.Number(value)}\n" : $"{name}{{{labels}}} {PrometheusText.Number(value)}\n");

    /// <summary>The label set as written between braces, label names sorted, so equal tag sets share one series.</summary>
    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            labels.TryAdd(PrometheusText.LabelName(tag.Key), PrometheusText.LabelValue(PrometheusText.TagValue(tag.Value)));
        }
        return string.Join(',', labels.Select(label => $"{label.Key}=\"{label.Value}\""));
    }

    private static IEnumerable<double> BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> histogram => histogram.Advice?.HistogramBucketBoundaries,
        Histogram<long> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound),
        Histogram<int> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound),
        _ => null,
    } ?? DefaultBuckets;

    /// <summary>A sum or last value; for a histogram, the sum of observations and the count per bucket (not cumulative).</summary>
    private sealed class Series(int buckets)
    {
        public double Value { get; private set; }

        public long[] BucketCounts { get; private init; } = new long[buckets];

        public void Add(double value, MetricAggregation aggregation, double[] bounds)
        {
            switch (aggregation)
            {
                case MetricAggregation.LastValue:
                    Value = value;
                    break;
                case MetricAggregation.Histogram:
                    int bucket = Array.FindIndex(bounds, bound => value <= bound);
                    BucketCounts[bucket < 0 ? bounds.Length : bucket]++;
                    Value += value;
                    break;
                default:
                    Value += value;
                    break;
            }
        }

        public Series Copy() => new(BucketCounts.Length) { Value = Value, BucketCounts = [.. BucketCounts] };
    }
}
