namespace ChatOpsIncidents.Bot.Metrics;

/// <summary>How an instrument's measurements become a sample.</summary>
internal enum MetricAggregation
{
    /// <summary>Counters and up-down counters: measurements are increments.</summary>
    Sum,

    /// <summary>Observable instruments and gauges: each measurement is the current value.</summary>
    LastValue,

    /// <summary>Histograms: measurements fall into cumulative buckets.</summary>
    Histogram,
}
