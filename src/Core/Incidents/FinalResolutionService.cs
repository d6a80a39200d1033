using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// Counts each incident's time to resolve once, when its resolution becomes final (<see cref="FinalResolution"/>): at once for
/// an incident no alert can reopen (declared, or Incidents:ReopenWindow zero), else when the reopen window after its latest
/// resolution has passed (<see cref="FinalResolutions"/>). The count is recorded after the commit (<c>IncidentMetricsInterceptor</c>).
/// </summary>
public sealed class FinalResolutionService(IncidentsDbContext db, IOptions<IncidentOptions> options)
{
    /// <summary>
    /// In the caller's transaction: plans (or counts) the final resolution of an incident just resolved, or calls it off for one
    /// just reopened. A new incident is not counted (resolved on arrival, it was over before anyone knew), nor one counted before.
    /// Returns the row to wake after the commit, or null when there is no due time to tell the scheduler.
    /// </summary>
    internal async Task<FinalResolution?> TrackAsync(Incident incident, IncidentStatus? statusBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool resolved = incident.Status == IncidentStatus.Resolved;
        if (statusBefore is null || resolved == (statusBefore == IncidentStatus.Resolved))
        {
            return null;
        }
        FinalResolution? resolution = await db.FinalResolutions.SingleOrDefaultAsync(r => r.IncidentId == incident.Id, cancellationToken);
        if (resolution is { CountedAt: not null } || (resolution is null && !resolved))
        {
            return null;
        }
        if (resolution is null)
        {
            resolution = new FinalResolution(incident);
            db.FinalResolutions.Add(resolution);
        }
        if (!resolved)
        {
            resolution.Reopened();
            return resolution;
        }
        TimeSpan reopenWindow = options.Value.ReopenWindow;
        if (incident.GroupKey is null || reopenWindow == TimeSpan.Zero)
        {
            resolution.Count(now);
            return null;
        }
        resolution.Resolved(now + reopenWindow);
        return resolution;
    }
}
