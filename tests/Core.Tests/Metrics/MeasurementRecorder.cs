using System.Diagnostics.Metrics;

namespace ChatOpsIncidents.Core.Tests.Metrics;

/// <summary>
/// A meter factory for one test (as the host's factory scopes meters to the host) and a listener that records every
/// measurement of its meters as (instrument, value, "tag=value,..." sorted by tag).
/// </summary>
internal sealed class MeasurementRecorder : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, string Tags)> _recorded = [];

    public MeasurementRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<(string Instrument, double Value, string Tags)> Recorded
    {
        get
        {
            lock (_recorded)
            {
                return [.. _recorded];
            }
        }
    }

    /// <summary>What the observable instruments report now (and nothing recorded before).</summary>
    public IReadOnlyList<(string Instrument, double Value, string Tags)> Observe()
    {
        lock (_recorded)
        {
            _recorded.Clear();
        }
        _listener.RecordObservableInstruments();
        return Recorded;
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.ForEach(meter => meter.Dispose());
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string text = string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
        lock (_recorded)
        {
            _recorded.Add((instrument.Name, value, text));
        }
    }
}
