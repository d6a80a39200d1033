using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.DueWork;

/// <summary>One kind of due work, as <see cref="DueWorkService"/> sees it.</summary>
public interface IDueWorkKind
{
    /// <summary>Names the kind's triggers in the scheduler's store and its metrics: never renamed, or stored triggers are lost.</summary>
    string Name { get; }

    internal bool Owns(IDueWork work);

    /// <summary>In the caller's transaction: fires the incident's work if it is due at <paramref name="now"/>; null when it is not.</summary>
    internal Task<(IDueWork Work, DateTimeOffset DueAt)?> FireIfDueAsync(IncidentKey incident, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The incidents whose work was due at <paramref name="cutoff"/> or earlier, the longest overdue first.</summary>
    internal Task<List<long>> OverdueAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>
/// A kind of due work kept in rows of <typeparamref name="TWork"/>: it supplies only what happens when one is due
/// (<see cref="Fire"/>); <see cref="DueWorkService"/> finds it, fires it once, schedules it and sweeps it up.
/// </summary>
internal abstract class DueWorkKind<TWork>(string name, IncidentsDbContext db) : IDueWorkKind
    where TWork : class, IDueWork
{
    public string Name => name;

    /// <summary>The context of the firing transaction, for rows a firing adds.</summary>
    protected IncidentsDbContext Db => db;

    /// <summary>
    /// In the firing transaction: does what was due at <paramref name="dueAt"/> (what people are to be told goes on the incident's
    /// timeline, so the outbox tells them once the transaction commits) and sets when the work is next due, or null.
    /// </summary>
    protected abstract void Fire(TWork work, DateTimeOffset dueAt, DateTimeOffset now);

    bool IDueWorkKind.Owns(IDueWork work) => work is TWork;

    async Task<(IDueWork Work, DateTimeOffset DueAt)?> IDueWorkKind.FireIfDueAsync(IncidentKey incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TWork? work = await db.Set<TWork>().Include(w => w.Incident).SingleOrDefaultAsync(w => w.IncidentId == incident.Number, cancellationToken);
        if (work is not { DueAt: { } dueAt } || dueAt > now)
        {
            return null;
        }
        Fire(work, dueAt, now);
        return (work, dueAt);
    }

    Task<List<long>> IDueWorkKind.OverdueAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => db.Set<TWork>().AsNoTracking()
        .Where(w => w.DueAt != null && w.DueAt <= cutoff)
        .OrderBy(w => w.DueAt)
        .Select(w => w.IncidentId)
        .ToListAsync(cancellationToken);
}
