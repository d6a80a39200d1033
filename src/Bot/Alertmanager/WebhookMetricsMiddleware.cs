namespace ChatOpsIncidents.Bot.Alertmanager;

internal static class WebhookMetricsMiddleware
{
    /// <summary>
    /// Times every webhook request and records its final status code. Use it before the exception handler, so a failure
    /// is recorded with the status the handler answered (503 when the database is down).
    /// </summary>
    public static IApplicationBuilder UseWebhookMetrics(this IApplicationBuilder app)
    {
        WebhookMetrics metrics = app.ApplicationServices.GetRequiredService<WebhookMetrics>();
        TimeProvider time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.Equals(AlertmanagerEndpoints.Route, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }
            long started = time.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                metrics.Answered(context.Response.StatusCode, time.GetElapsedTime(started));
            }
        });
    }
}
