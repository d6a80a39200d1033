using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ChatOpsIncidents.Bot.Health;

internal static class HealthEndpoints
{
    public const string ReadinessTag = "ready";

    public static IServiceCollection AddBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadinessTag]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process is up. <c>/readyz</c>: it can also reach its database.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessTag) }).WithTags("Health");
        return app;
    }
}
