using Prometheus;

namespace ChatOpsIncidents.Bot.Metrics;

internal static class MetricsEndpoints
{
    /// <summary>
    /// <c>GET /metrics</c>: prometheus-net's exposition of the host's registry (text format 0.0.4, or OpenMetrics when the
    /// scraper asks for it, as Prometheus does), each scrape prepared by <see cref="MetricsScrape"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        CollectorRegistry registry = app.ServiceProvider.GetRequiredService<CollectorRegistry>();
        // Resolving the scrape starts the bridge listening now, before the first request, so no measurement is missed.
        registry.AddBeforeCollectCallback(app.ServiceProvider.GetRequiredService<MetricsScrape>().PrepareAsync);
        app.MapMetrics("/metrics", registry);
        return app;
    }
}
