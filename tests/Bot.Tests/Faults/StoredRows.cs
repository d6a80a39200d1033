using ChatOpsIncidents.Core;
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
        return await ReadAsync(scope.ServiceProvider.GetRequiredService<IncidentsDbContext>(), cancellationToken);
    }

    /// <summary>Reads a database the test does not host (a bot in a child process), as the bot would open it.</summary>
    public static async Task<StoredRows> ReadAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        await using IncidentsDbContext db = Open(database);
        return await ReadAsync(db, cancellationToken);
    }

    /// <summary>A context on a database the test does not host, opened as the bot opens it.</summary>
    public static IncidentsDbContext Open(DatabaseOptions database)
    {
        var builder = new DbContextOptionsBuilder<IncidentsDbContext>();
        CoreServiceCollectionExtensions.UseDatabase(builder, database);
        return new IncidentsDbContext(builder.Options);
    }

    private static async Task<StoredRows> ReadAsync(IncidentsDbContext db, CancellationToken cancellationToken) =>
        new(
            await db.Incidents.CountAsync(cancellationToken),
            await db.Alerts.CountAsync(cancellationToken),
            await db.TimelineEntries.CountAsync(cancellationToken),
            await db.Deliveries.CountAsync(cancellationToken),
            await db.TimelineEntries.CountAsync(
                e => db.Deliveries.Any(d => d.IncidentId == e.IncidentId && e.Id > d.DeliveredThroughEntryId), cancellationToken));
}
