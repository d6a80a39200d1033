namespace ChatOpsIncidents.Bot.Metrics;

internal static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<PrometheusCollector>();
        services.AddSingleton<MetricsScrape>();
        return services;
    }
}
