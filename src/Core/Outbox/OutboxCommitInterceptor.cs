using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// Raises the <see cref="OutboxSignal"/> of each lane once a save's new timeline entries, pages or channel messages are committed, and the page
/// lane's when an incident stops being triggered (its sent pages are to lose their Acknowledge button).
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : AfterCommitInterceptor
{
    protected override IEnumerable<Action> ActionsFor(IncidentsDbContext db)
    {
        if (db.ChangeTracker.Entries<TimelineEntry>().Any(e => e.State == EntityState.Added))
        {
            yield return signal.TimelineEntries.Notify;
        }
        if (db.ChangeTracker.Entries<Page>().Any(e => e.State == EntityState.Added)
            || db.ChangeTracker.Entries<Incident>().Any(e => e.State == EntityState.Modified && e.Property(i => i.Status).IsModified))
        {
            yield return signal.Pages.Notify;
        }
        if (db.ChangeTracker.Entries<ChannelMessage>().Any(e => e.State == EntityState.Added))
        {
            yield return signal.ChannelMessages.Notify;
        }
    }

    protected override IEnumerable<Action> ActionsForInserted(Type written)
    {
        if (written == typeof(TimelineEntry))
        {
            yield return signal.TimelineEntries.Notify;
        }
    }
}
