namespace ChatOpsIncidents.Bot.Metrics;

internal static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        // Start listening now, before the first request, so no measurement is missed.
        app.ServiceProvider.GetRequiredService<PrometheusCollector>();
        app.MapGet("/metrics", async (MetricsScrape scrape, CancellationToken cancellationToken) =>
                Results.Text(await scrape.CollectAsync(cancellationToken), PrometheusText.ContentType))
            .WithName("ScrapeMetrics")
            .WithTags("Metrics")
            .WithSummary("The bot's metrics in the Prometheus text exposition format 0.0.4.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }
}
