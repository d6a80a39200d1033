using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// How much is still to be told (timeline entries past their incident's delivery cursor) and how long the oldest of
/// them has waited. Queried by <see cref="RefreshAsync"/> before each scrape, not in the gauge callbacks, which must not
/// block; the age is computed at refresh time, so it is as fresh as the scrape.
/// </summary>
public sealed class OutboxGauges : IMetricsRefresher
{
    public const string MeterName = "ChatOpsIncidents.Outbox";

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private Snapshot? _latest;

    public OutboxGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        Meter meter = meters.Create(MeterName);
        meter.CreateObservableGauge(
            "chatops.outbox.depth",
            () => _latest is { } latest ? [new Measurement<long>(latest.Depth)] : Array.Empty<Measurement<long>>(),
            "{entry}",
            "Timeline entries not yet delivered to chat, as of the latest scrape.");
        meter.CreateObservableGauge(
            "chatops.outbox.oldest_age",
            () => _latest is { } latest ? [new Measurement<double>(latest.OldestAgeSeconds)] : Array.Empty<Measurement<double>>(),
            "s",
            "How long the oldest undelivered timeline entry has waited (0 when nothing waits), as of the latest scrape.");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        IQueryable<TimelineEntry> undelivered =
            from entry in db.TimelineEntries
            join delivery in db.Deliveries on entry.IncidentId equals delivery.IncidentId
            where entry.Id > delivery.DeliveredThroughEntryId
            select entry;
        long depth = await undelivered.LongCountAsync(cancellationToken);
        // Entry ids grow with time, so the lowest undelivered id is the oldest entry.
        DateTimeOffset? oldest = depth == 0
            ? null
            : await undelivered.OrderBy(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(cancellationToken);
        double age = oldest is { } at ? Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds) : 0;
        _latest = new Snapshot(depth, age);
    }

    private sealed record Snapshot(long Depth, double OldestAgeSeconds);
}
