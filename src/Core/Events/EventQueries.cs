using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Events;

public sealed class EventQueries(IncidentsDbContext db)
{
    /// <summary>The stored events <paramref name="filter"/> selects, newest first; <see cref="EventFilter.From"/> inclusive, <see cref="EventFilter.Until"/> exclusive, by when they were received.</summary>
    public async Task<EventPage> ListAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        IQueryable<StoredEvent> query = db.Events.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Service))
        {
            query = query.Where(e => e.Service == filter.Service);
        }
        if (!string.IsNullOrWhiteSpace(filter.Source))
        {
            query = query.Where(e => e.Source == filter.Source);
        }
        if (filter.Severity is { } severity)
        {
            query = query.Where(e => e.Severity == severity);
        }
        if (filter.From is { } from)
        {
            DateTimeOffset start = from.ToStorable();
            query = query.Where(e => e.ReceivedAt >= start);
        }
        if (filter.Until is { } until)
        {
            DateTimeOffset end = until.ToStorable();
            query = query.Where(e => e.ReceivedAt < end);
        }
        if (!string.IsNullOrEmpty(filter.DedupKey))
        {
            query = query.Where(e => e.DedupKey == filter.DedupKey);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            string text = filter.Text.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(), which both databases run
            query = query.Where(e => e.Summary != null && e.Summary.ToLower().Contains(text));
#pragma warning restore CA1304, CA1311, CA1862
        }
        int total = await query.CountAsync(cancellationToken);
        List<StoredEvent> items = await query
            .OrderByDescending(e => e.Id)
            .Skip((filter.Page - 1) * filter.PageSize)
            .Take(filter.PageSize)
            .ToListAsync(cancellationToken);
        return new EventPage(items, filter.Page, filter.PageSize, total);
    }

    /// <summary>How many stored events fed <paramref name="incident"/>.</summary>
    public Task<int> CountForAsync(IncidentKey incident, CancellationToken cancellationToken) =>
        db.Events.CountAsync(e => e.IncidentId == incident.Number, cancellationToken);
}
