using System.Diagnostics.Metrics;
using ChatOpsIncidents.Bot.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsIncidents.Bot.Tests.Metrics;

/// <summary>A collector on its own meter factory, with a meter named like the bot's, so tests see exactly what they record.</summary>
internal sealed class ExpositionHarness : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public ExpositionHarness()
    {
        Meters = _services.GetRequiredService<IMeterFactory>();
        Collector = new PrometheusCollector(Meters, NullLogger<PrometheusCollector>.Instance);
        Meter = Meters.Create("ChatOpsIncidents.Test");
    }

    public IMeterFactory Meters { get; }

    public PrometheusCollector Collector { get; }

    public Meter Meter { get; }

    /// <summary>The lines of one metric family (from its HELP line to the next family), as collected now.</summary>
    public string Family(string name) => Scrape.Family(Collector.Collect(), name);

    public void Dispose()
    {
        Collector.Dispose();
        _services.Dispose();
    }
}
