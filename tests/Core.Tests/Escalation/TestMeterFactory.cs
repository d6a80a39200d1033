using System.Diagnostics.Metrics;

namespace ChatOpsIncidents.Core.Tests.Escalation;

/// <summary>Meters for the instruments under test; a <see cref="MeterListener"/> reads them.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(meter => meter.Dispose());
}
