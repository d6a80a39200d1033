using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Runs;

/// <summary>
/// Stores runs, and writes each change of a run together with its timeline entry in one transaction, so the audit trail
/// and the run never disagree. The database decides which of two concurrent runs of one target starts (a unique index),
/// and counts an automatic run against its hourly limit in the transaction that starts it, so both hold across replicas.
/// </summary>
public sealed class RunbookRuns(IncidentsDbContext db, TimeProvider time)
{
    /// <summary>Two-key PostgreSQL advisory locks of this class ("RUNS" in ASCII) serialize the starts of one automatic runbook.</summary>
    private const int AutomaticStartLockClass = 0x52554E53;

    /// <summary>Starts the run and records <paramref name="startedText"/> on the incident's timeline, or says what stood in the way.</summary>
    public async Task<RunStartResult> StartAsync(RunbookRunStart start, string startedText, CancellationToken cancellationToken)
    {
        DateTimeOffset at = time.GetStorableUtcNow();
        var run = new RunbookRun(start, at);
        await using WriteTransaction transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        try
        {
            if (start.Automatic && start.Limits is { } limits)
            {
                IQueryable<RunbookRun> lastHour = await AutomaticLastHourAsync(start.RunbookId, at, cancellationToken);
                int inAll = await lastHour.CountAsync(cancellationToken);
                if (inAll >= limits.InAll)
                {
                    return new RunStartResult(null, null, AutomaticRunsLastHour: inAll);
                }
                int onTarget = await lastHour.CountAsync(r => r.Target == start.Target, cancellationToken);
                if (onTarget >= limits.PerTarget)
                {
                    return new RunStartResult(null, null, AutomaticRunsLastHour: onTarget, TargetLimitReached: true);
                }
            }
            db.RunbookRuns.Add(run);
            await RecordAsync(start.Incident, TimelineEntryKind.RunbookStarted, start.StartedBy, at, startedText, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RunStartResult(run, null);
        }
        catch (DbUpdateException exception) when (ConflictRetry.IsLostRace(exception))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
        }
        RunbookRun? busy = await db.RunbookRuns.AsNoTracking().SingleOrDefaultAsync(r => r.ActiveTarget == start.LockKey, cancellationToken);
        return new RunStartResult(null, busy, AlreadyTriggered: busy is null);
    }

    /// <summary>
    /// Changes a run and, when <paramref name="entry"/> is given, records it on the incident's timeline as the person who
    /// started the run; retried from a fresh read when a concurrent writer changed the incident. Returns the run as stored.
    /// </summary>
    public Task<RunbookRun> UpdateAsync(long runId, Action<RunbookRun, DateTimeOffset> change, (TimelineEntryKind Kind, string Text)? entry, CancellationToken cancellationToken) =>
        db.WriteAsync(
            async token =>
            {
                RunbookRun run = await db.RunbookRuns.SingleAsync(r => r.Id == runId, token);
                DateTimeOffset at = time.GetStorableUtcNow();
                change(run, at);
                if (entry is { } recorded)
                {
                    await RecordAsync(run.Incident, recorded.Kind, run.StartedBy, at, recorded.Text, token);
                }
                await db.SaveChangesAsync(token);
                return run;
            },
            cancellationToken);

    /// <summary>Records a runbook entry that belongs to no stored run (a dry run).</summary>
    public Task RecordAsync(IncidentKey incident, TimelineEntryKind kind, Actor by, string text, CancellationToken cancellationToken) =>
        db.WriteAsync(
            async token =>
            {
                await RecordAsync(incident, kind, by, time.GetStorableUtcNow(), text, token);
                return await db.SaveChangesAsync(token);
            },
            cancellationToken);

    public Task<RunbookRun?> FindAsync(long runId, CancellationToken cancellationToken) =>
        db.RunbookRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);

    /// <summary>The runs started for <paramref name="incident"/>, oldest first.</summary>
    public async Task<IReadOnlyList<RunbookRun>> ForIncidentAsync(IncidentKey incident, CancellationToken cancellationToken) =>
        await db.RunbookRuns.AsNoTracking().Where(r => r.IncidentId == incident.Number).OrderBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Automatic runs of <paramref name="runbookId"/> in the hour before <paramref name="now"/>, to be counted inside the start's
    /// write transaction. SQLite's write transaction already excludes every other writer; on PostgreSQL, a lock per runbook
    /// held to the commit keeps two replicas from both counting below a limit and both starting.
    /// </summary>
    private async Task<IQueryable<RunbookRun>> AutomaticLastHourAsync(string runbookId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AutomaticStartLockClass}, hashtext({runbookId}))", cancellationToken);
        }
        DateTimeOffset from = (now - TimeSpan.FromHours(1)).ToStorable();
        return db.RunbookRuns.Where(r => r.RunbookId == runbookId && r.Automatic && r.StartedAt >= from);
    }

    /// <summary>
    /// Marks as interrupted the runs still "running" that nobody runs any more: those of <paramref name="owner"/> (this
    /// instance, at its start; null to skip) and those without a heartbeat since <paramref name="staleBefore"/>.
    /// </summary>
    public async Task<IReadOnlyList<RunbookRun>> InterruptAbandonedAsync(string? owner, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        DateTimeOffset stale = staleBefore.ToStorable();
        List<long> abandoned = await db.RunbookRuns.AsNoTracking()
            .Where(r => r.Status == RunStatus.Running && (r.Owner == owner || r.HeartbeatAt < stale))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        List<RunbookRun> interrupted = [];
        foreach (long id in abandoned)
        {
            interrupted.Add(await UpdateAsync(
                id,
                (run, at) => run.Finish(RunStatus.Interrupted, "interrupted: the bot stopped while it ran; check the target before running it again", at),
                (TimelineEntryKind.RunbookFinished, $"Run {id} interrupted: the bot stopped while it ran"),
                cancellationToken));
        }
        return interrupted;
    }

    private async Task RecordAsync(IncidentKey? key, TimelineEntryKind kind, Actor by, DateTimeOffset at, string text, CancellationToken cancellationToken)
    {
        if (key is { } incidentKey && await db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentKey.Number, cancellationToken) is { } incident)
        {
            incident.RecordRunbook(kind, by, at, text);
        }
    }
}
