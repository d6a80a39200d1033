using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>How many rows of each kind the incident database holds, and how many timeline entries Slack has not been told yet.</summary>
internal sealed record StoredRows(int Incidents, int Alerts, int TimelineEntries, int Deliveries, int Undelivered)
{
    public static async Task<StoredRows> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        return new StoredRows(
            await db.Incidents.CountAsync(cancellationToken),
            await db.Alerts.CountAsync(cancellationToken),
            await db.TimelineEntries.CountAsync(cancellationToken),
            await db.Deliveries.CountAsync(cancellationToken),
            await db.TimelineEntries.CountAsync(
                e => db.Deliveries.Any(d => d.IncidentId == e.IncidentId && e.Id > d.DeliveredThroughEntryId), cancellationToken));
    }
}
