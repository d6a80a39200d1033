using System.Diagnostics.Metrics;
using System.Text;
using ChatOpsIncidents.Bot.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace ChatOpsIncidents.Bot.Tests.Metrics;

/// <summary>A bridge on its own meter factory and registry, with a meter named like the bot's, so tests see exactly what they record.</summary>
internal sealed class ExpositionHarness : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();

    public ExpositionHarness()
    {
        Meters = _services.GetRequiredService<IMeterFactory>();
        Bridge = new PrometheusMeterBridge(Meters, _registry, NullLogger<PrometheusMeterBridge>.Instance);
        Meter = Meters.Create("ChatOpsIncidents.Test");
    }

    public IMeterFactory Meters { get; }

    public PrometheusMeterBridge Bridge { get; }

    public Meter Meter { get; }

    /// <summary>The registry in the text exposition format, as a scrape gets it: the observable instruments observed first.</summary>
    public string Collect()
    {
        Bridge.Observe();
        using var text = new MemoryStream();
        _registry.CollectAndExportAsTextAsync(text, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(text.ToArray());
    }

    /// <summary>The lines of one metric family (from its HELP line to the next family), as collected now.</summary>
    public string Family(string name) => Scrape.Family(Collect(), name);

    public void Dispose()
    {
        Bridge.Dispose();
        _services.Dispose();
    }
}
