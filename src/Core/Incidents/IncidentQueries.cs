using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>Read-only views of incidents, for the API and for Slack.</summary>
public sealed class IncidentQueries(IncidentsDbContext db)
{
    /// <summary>Names the list queries in the SQL they send (a comment), for whoever reads the database's statements.</summary>
    public const string ListTag = "incident list";

    // The reads of the chat's commands (`/incident list`, `show`), compiled: EF Core's lookup of a query in its cache costs
    // more than running these. An open incident involves a person who commands it or is assigned to it; null: anyone.
    // The open list is one statement: the page, each incident's channel and how many are open (a subquery run once).
    private static readonly CompiledPerModel<Func<IncidentsDbContext, string?, int, IAsyncEnumerable<ListedIncident>>> s_firstOpen = new(
        () => EF.CompileAsyncQuery(IncidentSummary.Inlined((IncidentsDbContext db, string? involving, int limit) => db.Incidents.AsNoTracking()
            .Where(i => i.Status != IncidentStatus.Resolved && (involving == null || i.Assignee == involving || i.Commander == involving))
            .OrderBy(i => i.Severity).ThenBy(i => i.Id).Take(limit)
            .Select(i => new ListedIncident(
                IncidentSummary.Of(i),
                db.Deliveries.Where(d => d.IncidentId == i.Id).Select(d => d.ChannelId).FirstOrDefault(),
                db.Incidents.Count(o => o.Status != IncidentStatus.Resolved && (involving == null || o.Assignee == involving || o.Commander == involving))))
            .TagWith(ListTag))));

    private static readonly CompiledPerModel<Func<IncidentsDbContext, long[], IAsyncEnumerable<KeyValuePair<long, string>>>> s_channels = new(
        () => EF.CompileAsyncQuery((IncidentsDbContext db, long[] ids) => db.Deliveries
            .Where(d => ids.Contains(d.IncidentId) && d.ChannelId != null)
            .Select(d => new KeyValuePair<long, string>(d.IncidentId, d.ChannelId!))));

    private static readonly CompiledPerModel<Func<IncidentsDbContext, long, CancellationToken, Task<Incident?>>> s_incident = new(
        () => EF.CompileAsyncQuery((IncidentsDbContext db, long id, CancellationToken _) => db.Incidents
            .AsNoTracking()
            .AsSplitQuery()
            .Include(i => i.Alerts.OrderBy(a => a.Id))
            .Include(i => i.Timeline.OrderBy(e => e.Id))
            .SingleOrDefault(i => i.Id == id)));

    /// <summary>Newest first, summaries only, with their channels and how many match: one statement, unless the page is past the last.</summary>
    public async Task<IncidentPage> ListAsync(IncidentFilter filter, CancellationToken cancellationToken)
    {
        IQueryable<Incident> query = db.Incidents.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }
        if (filter.OpenOnly)
        {
            query = query.Where(i => i.Status != IncidentStatus.Resolved);
        }
        if (filter.Severity is { } severity)
        {
            query = query.Where(i => i.Severity == severity);
        }
        if (!string.IsNullOrWhiteSpace(filter.Service))
        {
            query = query.Where(i => i.Service == filter.Service);
        }
        if (filter.Since is { } since)
        {
            DateTimeOffset from = since.ToStorable();
            query = query.Where(i => i.OpenedAt >= from);
        }
        if (filter.Until is { } until)
        {
            DateTimeOffset before = until.ToStorable();
            query = query.Where(i => i.OpenedAt < before);
        }
        if (!string.IsNullOrWhiteSpace(filter.Environment))
        {
            query = query.Where(i => i.Environment == filter.Environment);
        }
        if (!string.IsNullOrWhiteSpace(filter.TitleContains))
        {
            query = WithTitleContaining(query, filter.TitleContains.Trim());
        }
        List<ListedIncident> listed = await query
            .OrderByDescending(i => i.Id)
            .Skip((filter.Page - 1) * filter.PageSize)
            .Take(filter.PageSize)
            .Select(IncidentSummary.Inlined((Incident i) => new ListedIncident(
                IncidentSummary.Of(i), db.Deliveries.Where(d => d.IncidentId == i.Id).Select(d => d.ChannelId).FirstOrDefault(), query.Count())))
            .TagWith(ListTag)
            .ToListAsync(cancellationToken);
        // Past the last page no row carries the count: it is read on its own.
        int total = listed.Count > 0 ? listed[0].Total : filter.Page == 1 ? 0 : await query.CountAsync(cancellationToken);
        return Paged(listed, filter.Page, filter.PageSize, total);
    }

    /// <summary>
    /// The incidents whose title contains <paramref name="text"/> in any case, found through a trigram index: PostgreSQL's pg_trgm
    /// serves ILIKE, SQLite's FTS5 table "IncidentTitles" (trigram tokenizer) a quoted phrase. Under three characters neither index
    /// helps, and every title is read.
    /// </summary>
    private IQueryable<Incident> WithTitleContaining(IQueryable<Incident> query, string text)
    {
        if (db.Database.IsNpgsql())
        {
            string pattern = $"%{text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal)}%";
            return query.Where(i => EF.Functions.ILike(i.Title, pattern, @"\"));
        }
        if (text.EnumerateRunes().Count() >= 3)
        {
            string phrase = $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            IQueryable<long> matching = db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "IncidentTitles" WHERE "IncidentTitles" MATCH {phrase}""");
            return query.Where(i => matching.Contains(i.Id));
        }
        string lower = text.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower()
        return query.Where(i => i.Title.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
    }

    /// <summary>
    /// The first <paramref name="limit"/> open (triggered or acknowledged) incidents, most severe first and then oldest, and how many
    /// are open; with <paramref name="involving"/>, only those that person commands or is assigned to.
    /// </summary>
    public async Task<IncidentPage> ListOpenAsync(string? involving, int limit, CancellationToken cancellationToken)
    {
        List<ListedIncident> first = await s_firstOpen.For(db)(db, involving, limit).ToListAsync(cancellationToken);
        return Paged(first, 1, limit, first.Count > 0 ? first[0].Total : 0);
    }

    private static IncidentPage Paged(List<ListedIncident> listed, int page, int pageSize, int total) => new(
        [.. listed.Select(l => l.Summary)], page, pageSize, total,
        listed.Where(l => l.ChannelId is not null).ToDictionary(l => l.Summary.Key, l => l.ChannelId!));

    /// <summary>How many alerts are firing now in each of <paramref name="keys"/> that has any.</summary>
    public async Task<IReadOnlyDictionary<IncidentKey, int>> FiringAlertCountsAsync(IEnumerable<IncidentKey> keys, CancellationToken cancellationToken)
    {
        long[] ids = [.. keys.Select(k => k.Number)];
        return await db.Alerts.AsNoTracking()
            .Where(a => ids.Contains(a.IncidentId) && a.Status == AlertStatus.Firing)
            .GroupBy(a => a.IncidentId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => new IncidentKey(g.Key), g => g.Count, cancellationToken);
    }

    /// <summary>The chat channels of those of <paramref name="keys"/> that have one, by incident.</summary>
    public async Task<IReadOnlyDictionary<IncidentKey, string>> ChannelsAsync(IEnumerable<IncidentKey> keys, CancellationToken cancellationToken)
    {
        long[] ids = [.. keys.Select(k => k.Number)];
        return await s_channels.For(db)(db, ids).ToDictionaryAsync(c => new IncidentKey(c.Key), c => c.Value, cancellationToken: cancellationToken);
    }

    /// <summary>The incident with its alerts and its whole timeline, oldest entry first.</summary>
    public Task<Incident?> FindAsync(IncidentKey key, CancellationToken cancellationToken) => s_incident.For(db)(db, key.Number, cancellationToken);

    /// <summary>Where the incident's escalation stands; null when it was never escalated.</summary>
    public Task<IncidentEscalation?> EscalationAsync(IncidentKey key, CancellationToken cancellationToken) =>
        db.Escalations.AsNoTracking().SingleOrDefaultAsync(e => e.IncidentId == key.Number, cancellationToken);

    /// <summary>The incident's escalation pages, oldest first.</summary>
    public async Task<IReadOnlyList<Page>> PagesAsync(IncidentKey key, CancellationToken cancellationToken) =>
        await db.Pages.AsNoTracking().Where(p => p.IncidentId == key.Number).OrderBy(p => p.Id).ToListAsync(cancellationToken);

    /// <summary>The incident whose chat channel this is, if any.</summary>
    public async Task<IncidentKey?> FindByChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        long? id = await db.Deliveries.Where(d => d.ChannelId == channelId).Select(d => (long?)d.IncidentId).FirstOrDefaultAsync(cancellationToken);
        return id is { } number ? new IncidentKey(number) : null;
    }

    /// <summary>A row of a list: the incident, its chat channel if it has one, and how many incidents the whole list holds.</summary>
    private sealed record ListedIncident(IncidentSummary Summary, string? ChannelId, int Total);
}
