using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// Acts on what a save changed once that change is committed: right after the save when no transaction was open (the save
/// committed on its own), else when the transaction it was saved in commits. A save or transaction that fails or rolls back
/// acts on nothing, nor does one rolled back to a savepoint made before it (<see cref="GroupCommit"/>'s failed writes), so a
/// unit of work that <see cref="ConflictRetry"/> or <see cref="GroupCommit"/> rolls back and runs again acts once. One instance
/// serves every context: what a context has pending is kept on the context.
/// </summary>
internal abstract class AfterCommitInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>What to do once the save about to happen on <paramref name="db"/> is committed; read before it writes.</summary>
    protected abstract IEnumerable<Action> ActionsFor(IncidentsDbContext db);

    /// <summary>What to do once rows of <paramref name="written"/> inserted past the change tracker (<see cref="BulkInsert"/>) are committed.</summary>
    protected virtual IEnumerable<Action> ActionsForInserted(Type written) => [];

    /// <summary>Rows of <paramref name="written"/> were inserted past the change tracker in <paramref name="db"/>'s current transaction.</summary>
    public void Inserted(IncidentsDbContext db, Type written) => db.PendingCommitActionsOf(this).Uncommitted.AddRange(ActionsForInserted(written));

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is IncidentsDbContext db)
        {
            PendingCommitActions pending = db.PendingCommitActionsOf(this);
            pending.Saving.Clear();
            pending.Saving.AddRange(ActionsFor(db));
        }
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavingChanges(eventData, result));

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is IncidentsDbContext db)
        {
            PendingCommitActions pending = db.PendingCommitActionsOf(this);
            if (db.Database.CurrentTransaction is null)
            {
                pending.Saving.ForEach(act => act());
            }
            else
            {
                pending.Uncommitted.AddRange(pending.Saving);
            }
            pending.Saving.Clear();
        }
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public void SaveChangesFailed(DbContextErrorEventData eventData) => PendingOf(eventData.Context)?.Saving.Clear();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (PendingOf(eventData.Context) is { } pending)
        {
            pending.Uncommitted.ForEach(act => act());
            pending.TransactionEnded();
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => PendingOf(eventData.Context)?.TransactionEnded();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => PendingOf(eventData.Context)?.TransactionEnded();

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    public void CreatedSavepoint(DbTransaction transaction, TransactionEventData eventData) => PendingOf(eventData.Context)?.SavepointCreated();

    public Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        CreatedSavepoint(transaction, eventData);
        return Task.CompletedTask;
    }

    public void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData) => PendingOf(eventData.Context)?.RolledBackToSavepoint();

    public Task RolledBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBackToSavepoint(transaction, eventData);
        return Task.CompletedTask;
    }

    public void ReleasedSavepoint(DbTransaction transaction, TransactionEventData eventData) => PendingOf(eventData.Context)?.SavepointReleased();

    public Task ReleasedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleasedSavepoint(transaction, eventData);
        return Task.CompletedTask;
    }

    private PendingCommitActions? PendingOf(DbContext? context) => (context as IncidentsDbContext)?.PendingCommitActionsOf(this);
}
