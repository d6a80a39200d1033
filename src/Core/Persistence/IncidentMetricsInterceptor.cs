using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Storms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// Records <see cref="IncidentMetrics"/> from what a save changes (an incident added; acknowledged time set; marked not actionable; its resolution
/// counted once final, see <see cref="FinalResolution"/>; a storm added, an incident attached to one),
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
                continue;
            }
            if (BecameSet(entry, nameof(Incident.AcknowledgedAt)))
            {
                yield return () => metrics.Acknowledged(times);
            }
            if (BecameSet(entry, nameof(Incident.MarkedNoiseAt)))
            {
                string? alertName = entry.Entity.AlertName;
                yield return () => metrics.MarkedNoise(alertName);
            }
            if (BecameSet(entry, nameof(Incident.StormIncidentId)))
            {
                yield return () => metrics.AttachedToStorm(times.Severity);
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
        foreach (EntityEntry<Storm> _ in db.ChangeTracker.Entries<Storm>().Where(e => e.State == EntityState.Added))
        {
            yield return metrics.StormOpened;
        }
    }

    private static bool BecameSet(EntityEntry entry, string property)
    {
        PropertyEntry value = entry.Property(property);
        return entry.State == EntityState.Modified && value.IsModified && value.OriginalValue is null && value.CurrentValue is not null;
    }
}
