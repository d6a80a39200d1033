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

    /// <summary>What tells <paramref name="work"/> apart from the rest of its kind, such as "INC-42": its trigger's name.</summary>
    internal string KeyOf(IDueWork work);

    /// <summary>
    /// In the caller's transaction: fires the work named <paramref name="key"/> if it is due at <paramref name="now"/>. Null when
    /// it has no due time; else the work, fired or not due yet.
    /// </summary>
    internal Task<DueWorkFiring?> FireIfDueAsync(string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The keys of the work that was due at <paramref name="cutoff"/> or earlier, the longest overdue first.</summary>
    internal Task<List<string>> OverdueAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// After the firing of <paramref name="fired"/> committed, outside its transaction: the call to the outside world its firing
    /// held it for, and the transaction that records the outcome. Returns the work whose due time that moved, or null when the
    /// kind calls nobody.
    /// </summary>
    internal Task<IDueWork?> FollowThroughAsync(IDueWork fired, CancellationToken cancellationToken);
}

/// <summary>
/// A kind of due work kept in rows of <typeparamref name="TWork"/>: it says how its rows are named and found, and what happens
/// when one is due (<see cref="Fire"/>); <see cref="DueWorkService"/> schedules it, fires it once and sweeps it up.
/// </summary>
internal abstract class DueWorkKind<TWork>(string name, IncidentsDbContext db) : IDueWorkKind
    where TWork : class, IDueWork
{
    public string Name => name;

    /// <summary>The context of the firing transaction, for rows a firing reads or adds.</summary>
    protected IncidentsDbContext Db => db;

    protected abstract string KeyOf(TWork work);

    /// <summary>The row named <paramref name="key"/>, with what <see cref="Fire"/> needs loaded; null when there is none.</summary>
    protected abstract Task<TWork?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// In the firing transaction: does what was due at <paramref name="dueAt"/> (what people are to be told goes on the timeline,
    /// so the outbox tells them once the transaction commits) and moves <see cref="IDueWork.DueAt"/> on to when the work is next
    /// due, or to null.
    /// </summary>
    protected abstract void Fire(TWork work, DateTimeOffset dueAt, DateTimeOffset now);

    /// <summary>
    /// <see cref="Fire"/>, for a kind whose firing also starts other due work (an incident it opens escalates): returns that
    /// work, for the scheduler to hear of once the transaction commits.
    /// </summary>
    protected virtual Task<IReadOnlyList<IDueWork>> FireAsync(TWork work, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Fire(work, dueAt, now);
        return Task.FromResult<IReadOnlyList<IDueWork>>([]);
    }

    /// <summary>
    /// For a kind that calls the outside world (a remote tracker): <see cref="Fire"/> only holds the work (moves its due time to
    /// when an attempt that never ends may be retried) and this, after that commit, makes the call and records its outcome in a
    /// transaction of its own, so no write waits for the call. Returns the work with its due time moved on, or null.
    /// </summary>
    protected virtual Task<TWork?> FollowThroughAsync(TWork fired, CancellationToken cancellationToken) => Task.FromResult<TWork?>(null);

    bool IDueWorkKind.Owns(IDueWork work) => work is TWork;

    async Task<IDueWork?> IDueWorkKind.FollowThroughAsync(IDueWork fired, CancellationToken cancellationToken) =>
        await FollowThroughAsync((TWork)fired, cancellationToken);

    string IDueWorkKind.KeyOf(IDueWork work) => KeyOf((TWork)work);

    async Task<DueWorkFiring?> IDueWorkKind.FireIfDueAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await FindAsync(key, cancellationToken) is not { DueAt: { } dueAt } work)
        {
            return null;
        }
        if (dueAt > now)
        {
            return new DueWorkFiring(work, dueAt, Fired: false, []);
        }
        IReadOnlyList<IDueWork> started = await FireAsync(work, dueAt, now, cancellationToken);
        if (work.DueAt == dueAt)
        {
            throw new InvalidOperationException($"{Name} {key} fired without moving its due time on: it would fire again and again.");
        }
        return new DueWorkFiring(work, dueAt, Fired: true, started);
    }

    async Task<List<string>> IDueWorkKind.OverdueAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        List<TWork> overdue = await db.Set<TWork>().AsNoTracking()
            .Where(w => w.DueAt != null && w.DueAt <= cutoff)
            .OrderBy(w => w.DueAt)
            .ToListAsync(cancellationToken);
        return [.. overdue.Select(KeyOf)];
    }
}

/// <summary>A kind of due work with one row per incident, named after the incident ("INC-42") and fired with its incident loaded.</summary>
internal abstract class IncidentDueWorkKind<TWork>(string name, IncidentsDbContext db) : DueWorkKind<TWork>(name, db)
    where TWork : class, IIncidentDueWork
{
    protected override string KeyOf(TWork work) => new IncidentKey(work.IncidentId).ToString();

    protected override async Task<TWork?> FindAsync(string key, CancellationToken cancellationToken) =>
        IncidentKey.TryParse(key, out IncidentKey incident)
            ? await Db.Set<TWork>().Include(w => w.Incident).SingleOrDefaultAsync(w => w.IncidentId == incident.Number, cancellationToken)
            : null;
}
