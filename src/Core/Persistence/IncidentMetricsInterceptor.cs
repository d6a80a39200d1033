using System.Data.Common;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// Records <see cref="IncidentMetrics"/> from what a save changes (an incident added; acknowledged or resolved times
/// set), once the change is committed: every path that changes an incident (alert intake, API, Slack, scheduler) is
/// counted without a call of its own, and a unit of work that <see cref="ConflictRetry"/> rolls back and runs again is
/// counted once. One instance serves every context: what a context's save and transaction are about to record is kept
/// on the context (<see cref="IncidentsDbContext.PendingMetrics"/>).
/// </summary>
internal sealed class IncidentMetricsInterceptor(IncidentMetrics metrics) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Observe(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => PendingOf(eventData.Context)?.Saving.Clear();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(PendingOf(eventData.Context));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => PendingOf(eventData.Context)?.Uncommitted.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => PendingOf(eventData.Context)?.Uncommitted.Clear();

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    private static PendingIncidentMetrics? PendingOf(DbContext? context) => (context as IncidentsDbContext)?.PendingMetrics;

    private void Observe(DbContext? context)
    {
        if (context is not IncidentsDbContext db)
        {
            return;
        }
        List<Action> saving = db.PendingMetrics.Saving;
        saving.Clear();
        foreach (EntityEntry<Incident> entry in db.ChangeTracker.Entries<Incident>())
        {
            IncidentTimes times = entry.Entity.Times;
            if (entry.State == EntityState.Added)
            {
                saving.Add(() => metrics.Opened(times));
            }
            else if (entry.State == EntityState.Modified)
            {
                if (BecameSet(entry, nameof(Incident.AcknowledgedAt)))
                {
                    saving.Add(() => metrics.Acknowledged(times));
                }
                if (BecameSet(entry, nameof(Incident.ResolvedAt)))
                {
                    saving.Add(() => metrics.Resolved(times));
                }
            }
        }
    }

    /// <summary>A save inside an explicit transaction counts at its commit; a save in its own transaction has committed already.</summary>
    private static void Saved(DbContext? context)
    {
        if (context is not IncidentsDbContext db)
        {
            return;
        }
        PendingIncidentMetrics pending = db.PendingMetrics;
        if (db.Database.CurrentTransaction is null)
        {
            pending.Saving.ForEach(record => record());
        }
        else
        {
            pending.Uncommitted.AddRange(pending.Saving);
        }
        pending.Saving.Clear();
    }

    private static void Committed(PendingIncidentMetrics? pending)
    {
        if (pending is null)
        {
            return;
        }
        pending.Uncommitted.ForEach(record => record());
        pending.Uncommitted.Clear();
    }

    private static bool BecameSet(EntityEntry<Incident> entry, string property)
    {
        PropertyEntry value = entry.Property(property);
        return value.IsModified && value.OriginalValue is null && value.CurrentValue is not null;
    }
}
