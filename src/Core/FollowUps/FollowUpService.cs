using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.FollowUps;

/// <summary>
/// Records follow-ups on their incident's timeline and, when a tracker is configured, as <see cref="FollowUp"/> rows whose issues
/// <see cref="FollowUpIssues"/> creates after the commit.
/// </summary>
public sealed class FollowUpService(IncidentsDbContext db, IFollowUpTracker tracker)
{
    /// <summary>In the caller's transaction: adds the follow-up; returns its tracked row to wake after the commit, or null.</summary>
    internal FollowUp? Add(Incident incident, string text, string? owner, Actor by, DateTimeOffset at)
    {
        incident.AddFollowUp(text, owner, by, at);
        if (tracker.Name is not { } where)
        {
            return null;
        }
        var followUp = new FollowUp(incident, text.Trim(), owner, by.Kind == ActorKind.SlackUser ? by.Id : null, where, at);
        db.FollowUps.Add(followUp);
        return followUp;
    }

    /// <summary>The tracked follow-ups of incident <paramref name="incidentId"/>, oldest first.</summary>
    public Task<List<FollowUp>> OfAsync(long incidentId, CancellationToken cancellationToken) =>
        db.FollowUps.AsNoTracking().Where(f => f.IncidentId == incidentId).OrderBy(f => f.Id).ToListAsync(cancellationToken);
}
