using ChatOpsIncidents.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>The timeline is the audit trail: entries are appended, never changed or removed.</summary>
internal static class TimelineGuard
{
    public static void RefuseRewrites(ChangeTracker changes)
    {
        if (changes.Entries<TimelineEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The incident timeline is append-only: entries cannot be changed or deleted.");
        }
    }
}
