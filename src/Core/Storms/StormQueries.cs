using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Storms;

/// <summary>What a storm gathered, and the rate of new incidents that makes and ends storms.</summary>
public sealed class StormQueries(IncidentsDbContext db, IOptions<StormOptions> options)
{
    /// <summary>The incidents attached to <paramref name="storm"/>, the most severe first, then in order of opening.</summary>
    public Task<IReadOnlyList<StormMember>> MembersAsync(IncidentKey storm, CancellationToken cancellationToken) =>
        ReadAsync(db.Incidents.Where(i => i.StormIncidentId == storm.Number).OrderBy(i => i.Severity).ThenBy(i => i.Id), cancellationToken);

    /// <summary>The incidents that joined <paramref name="storm"/> from <paramref name="from"/> through <paramref name="through"/>, in order of opening.</summary>
    public Task<IReadOnlyList<StormMember>> JoinedAsync(IncidentKey storm, DateTimeOffset from, DateTimeOffset through, CancellationToken cancellationToken) =>
        ReadAsync(
            db.Incidents
                .Where(i => i.StormIncidentId == storm.Number && db.TimelineEntries.Any(
                    e => e.IncidentId == i.Id && e.Kind == TimelineEntryKind.StormJoined && e.At >= from && e.At <= through))
                .OrderBy(i => i.Id),
            cancellationToken);

    /// <summary>The storm whose incident is <paramref name="storm"/>; null when it is no storm's.</summary>
    public Task<Storm?> FindAsync(IncidentKey storm, CancellationToken cancellationToken) =>
        db.Storms.AsNoTracking().SingleOrDefaultAsync(s => s.IncidentId == storm.Number, cancellationToken);

    /// <summary>The chat channel of incident <paramref name="incident"/>, once it has one.</summary>
    public Task<string?> ChannelOfAsync(IncidentKey incident, CancellationToken cancellationToken) =>
        db.Deliveries.Where(d => d.IncidentId == incident.Number).Select(d => d.ChannelId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>When the incidents opened from alerts after <paramref name="since"/> opened, the earliest first: what makes a storm.</summary>
    internal Task<List<DateTimeOffset>> OpenedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        db.Incidents.AsNoTracking()
            .Where(i => i.Source == IncidentSource.Alertmanager && !i.Quiet && i.OpenedAt > since)
            .OrderBy(i => i.OpenedAt)
            .Select(i => i.OpenedAt)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The earliest time the incidents opened within the window can have dropped below the threshold: when all but
    /// Threshold − 1 of <paramref name="recent"/> (at least Threshold of them, the earliest first) are older than the window.
    /// </summary>
    internal DateTimeOffset QuietFrom(IReadOnlyList<DateTimeOffset> recent) =>
        recent[recent.Count - options.Value.Threshold] + options.Value.Window;

    private async Task<IReadOnlyList<StormMember>> ReadAsync(IQueryable<Incident> incidents, CancellationToken cancellationToken)
    {
        string label = options.Value.CorrelationLabel;
        var members = await incidents.AsNoTracking()
            .Select(i => new
            {
                i.Id,
                i.Title,
                i.Severity,
                i.Status,
                i.OwnChannel,
                i.CommonLabels,
                ChannelId = db.Deliveries.Where(d => d.IncidentId == i.Id).Select(d => d.ChannelId).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. members.Select(m => new StormMember(
            new IncidentKey(m.Id), m.Title, m.Severity, m.Status, m.OwnChannel, m.CommonLabels.GetValueOrDefault(label), m.ChannelId))];
    }
}
