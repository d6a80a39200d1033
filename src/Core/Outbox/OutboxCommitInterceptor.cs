using System.Data.Common;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// Raises the <see cref="OutboxSignal"/> once timeline entries or pages are committed: when the transaction they were saved
/// in commits, or right after saving when no transaction was open (the save committed on its own).
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyWhenCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyWhenCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Notify(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Notify(eventData.Context);
        return Task.CompletedTask;
    }

    private void NotifyWhenCommitted(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Notify(context);
        }
    }

    private void Notify(DbContext? context)
    {
        if (context is not IncidentsDbContext db)
        {
            return;
        }
        if (db.HasUncommittedTimelineEntries)
        {
            db.HasUncommittedTimelineEntries = false;
            signal.TimelineEntries.Notify();
        }
        if (db.HasUncommittedPages)
        {
            db.HasUncommittedPages = false;
            signal.Pages.Notify();
        }
    }
}
