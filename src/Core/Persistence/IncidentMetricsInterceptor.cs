using ChatOpsIncidents.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// Records <see cref="IncidentMetrics"/> from what a save changes (an incident added; acknowledged time set; its resolution
/// counted once final, see <see cref="FinalResolution"/>),
/// once the change is committed: every path that changes an incident (alert intake, API, Slack, scheduler) is counted
/// without a call of its own, and once.
/// </summary>
internal sealed class IncidentMetricsInterceptor(IncidentMetrics metrics) : AfterCommitInterceptor
{
    protected override IEnumerable<Action> ActionsFor(IncidentsDbContext db)
    {
        foreach (EntityEntry<Incident> entry in db.ChangeTracker.Entries<Incident>())
        {
            IncidentTimes times = entry.Entity.Times;
            if (entry.State == EntityState.Added)
            {
                yield return () => metrics.Opened(times);
            }
            else if (BecameSet(entry, nameof(Incident.AcknowledgedAt)))
            {
                yield return () => metrics.Acknowledged(times);
            }
        }
        foreach (EntityEntry<FinalResolution> entry in db.ChangeTracker.Entries<FinalResolution>())
        {
            if (entry.Entity.CountedAt is not null && (entry.State == EntityState.Added || BecameSet(entry, nameof(FinalResolution.CountedAt))))
            {
                IncidentTimes times = entry.Entity.Incident.Times;
                yield return () => metrics.Resolved(times);
            }
        }
    }

    private static bool BecameSet(EntityEntry entry, string property)
    {
        PropertyEntry value = entry.Property(property);
        return entry.State == EntityState.Modified && value.IsModified && value.OriginalValue is null && value.CurrentValue is not null;
    }
}
