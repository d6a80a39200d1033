namespace ChatOpsIncidents.Bot.Metrics;

/// <summary>The kinds of instrument, by how their measurements become a Prometheus sample.</summary>
internal enum InstrumentKind
{
    /// <summary>A counter: each measurement is an increment.</summary>
    Counter,

    /// <summary>An observable counter: each measurement is the total so far.</summary>
    ObservableCounter,

    /// <summary>An up-down counter: a gauge whose measurements are increments, negative ones too.</summary>
    UpDownCounter,

    /// <summary>Gauges, observable gauges and observable up-down counters: each measurement is the current value.</summary>
    Gauge,

    /// <summary>A histogram: each measurement is an observation.</summary>
    Histogram,
}
