using Prometheus;

namespace ChatOpsIncidents.Bot.Metrics;

internal static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// The host's own prometheus-net registry (never the process-wide default one), with prometheus-net's process and GC
    /// metrics, fed by <see cref="PrometheusMeterBridge"/>.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton(_ =>
        {
            CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            return registry;
        });
        services.AddSingleton<PrometheusMeterBridge>();
        services.AddSingleton<MetricsScrape>();
        return services;
    }
}
