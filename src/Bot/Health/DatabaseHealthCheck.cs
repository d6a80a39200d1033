using ChatOpsIncidents.Core.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOpsIncidents.Bot.Health;

internal sealed class DatabaseHealthCheck(IncidentsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The incident database answers.")
            : HealthCheckResult.Unhealthy("The incident database cannot be reached.");
}
