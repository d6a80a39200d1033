using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Storms;

/// <summary>
/// Alert storms: when more than Storms:Threshold incidents open from alerts within Storms:Window, one storm incident is
/// opened and the incidents of that window, and those opened while the storm lasts, are attached to it. Runs in the
/// transaction that opened the incidents, so the storm is one whoever detects it: on PostgreSQL the deciding part holds a
/// transaction lock (replicas decide one after the other, each seeing what the one before committed); SQLite writes one
/// transaction at a time anyway. A unique index on the ongoing storm backs both.
/// </summary>
public sealed class StormService(IncidentsDbContext db, StormQueries queries, IOptions<StormOptions> options)
{
    /// <summary>Any number, the same on every replica: the key of the PostgreSQL advisory lock that storm decisions hold.</summary>
    private const long DecisionLock = 0x5354_4F52_4D; // "STORM"

    private readonly StormOptions _options = options.Value;

    /// <summary>
    /// In the caller's transaction, after <paramref name="opened"/> (new incidents from alerts, just saved) were saved: the
    /// ongoing storm they belong to, or the storm they start, not saved yet (<c>Started</c>); null when there is none.
    /// </summary>
    internal async Task<(Storm Storm, bool Started)?> FindOrStartAsync(IReadOnlyList<Incident> opened, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (opened.Count == 0)
        {
            return null;
        }
        await HoldDecisionsAsync(cancellationToken);
        Storm? ongoing = await db.Storms.Include(s => s.Incident).SingleOrDefaultAsync(s => s.Ongoing, cancellationToken);
        if (ongoing is { Incident.IsOpen: true })
        {
            return (ongoing, false);
        }
        if (ongoing is not null)
        {
            await EndAsync(ongoing, now, cancellationToken); // people resolved it: a storm that goes on is a new one
        }
        List<DateTimeOffset> recent = await queries.OpenedSinceAsync(now - _options.Window, cancellationToken);
        if (recent.Count <= _options.Threshold)
        {
            return null;
        }
        var storm = new Storm(Incident.OpenStorm(recent.Count, _options.Window, now), now, queries.QuietFrom(recent));
        db.Incidents.Add(storm.Incident);
        db.Storms.Add(storm);
        return (storm, true);
    }

    /// <summary>
    /// On PostgreSQL, takes the storm decisions' lock until the caller's transaction ends (again, when it holds it already). A
    /// transaction that may open incidents takes it before it writes them: taken after, it could wait for a replica that waits
    /// for the rows it wrote.
    /// </summary>
    internal async Task HoldDecisionsAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({DecisionLock})", cancellationToken);
        }
    }

    /// <summary>
    /// Saves a started storm, then attaches to it <paramref name="opened"/>, or, when it just started, every open incident of
    /// its window: each one's timeline says so, and the storm's lists them.
    /// </summary>
    internal async Task AttachAsync(Storm storm, bool started, IReadOnlyList<Incident> opened, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Incident> joining = opened;
        if (started)
        {
            await db.SaveChangesAsync(cancellationToken); // the storm's key, for its members
            DateTimeOffset since = now - _options.Window;
            joining = await db.Incidents
                .Where(i => i.Source == IncidentSource.Alertmanager && i.Status != IncidentStatus.Resolved && i.OpenedAt > since && i.StormIncidentId == null)
                .OrderBy(i => i.Id)
                .ToListAsync(cancellationToken);
        }
        foreach (Incident incident in joining.Where(i => i.IsOpen && i.StormIncidentId is null))
        {
            incident.JoinStorm(storm.Incident.Key, now);
            string correlation = incident.CommonLabels.GetValueOrDefault(_options.CorrelationLabel) ?? StormTally.NoValue;
            db.TimelineEntries.Add(TimelineEntry.StormMemberAdded(storm.IncidentId,
                $"{incident.Key} attached: {incident.Severity.ToDisplay()} {incident.Title} ({_options.CorrelationLabel}: {correlation})", now));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ends <paramref name="storm"/>, its timeline summing up what it gathered.</summary>
    internal async Task EndAsync(Storm storm, DateTimeOffset now, CancellationToken cancellationToken)
    {
        StormTally tally = StormTally.Of(await queries.MembersAsync(storm.Incident.Key, cancellationToken));
        storm.End(tally.Describe(_options.CorrelationLabel), now);
    }
}
