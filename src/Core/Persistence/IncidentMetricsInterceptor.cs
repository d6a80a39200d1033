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
/// counted once. One instance per context (scoped).
/// </summary>
internal sealed class IncidentMetricsInterceptor(IncidentMetrics metrics) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly List<Action> _saving = [];
    private readonly List<Action> _uncommitted = [];

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

    public void SaveChangesFailed(DbContextErrorEventData eventData) => _saving.Clear();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _saving.Clear();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _uncommitted.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _uncommitted.Clear();
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => _uncommitted.Clear();

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _uncommitted.Clear();
        return Task.CompletedTask;
    }

    private void Observe(DbContext? context)
    {
        _saving.Clear();
        foreach (EntityEntry<Incident> entry in context?.ChangeTracker.Entries<Incident>() ?? [])
        {
            IncidentTimes times = entry.Entity.Times;
            if (entry.State == EntityState.Added)
            {
                _saving.Add(() => metrics.Opened(times));
            }
            else if (entry.State == EntityState.Modified)
            {
                if (BecameSet(entry, nameof(Incident.AcknowledgedAt)))
                {
                    _saving.Add(() => metrics.Acknowledged(times));
                }
                if (BecameSet(entry, nameof(Incident.ResolvedAt)))
                {
                    _saving.Add(() => metrics.Resolved(times));
                }
            }
        }
    }

    /// <summary>A save inside an explicit transaction counts at its commit; a save in its own transaction has committed already.</summary>
    private void Saved(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            _saving.ForEach(record => record());
        }
        else
        {
            _uncommitted.AddRange(_saving);
        }
        _saving.Clear();
    }

    private void Committed()
    {
        _uncommitted.ForEach(record => record());
        _uncommitted.Clear();
    }

    private static bool BecameSet(EntityEntry<Incident> entry, string property)
    {
        PropertyEntry value = entry.Property(property);
        return value.IsModified && value.OriginalValue is null && value.CurrentValue is not null;
    }
}
