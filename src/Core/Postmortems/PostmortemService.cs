using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// Drafts the postmortem of every resolved incident, which starts its reminders (<see cref="PostmortemReminders"/>), and marks
/// it done, which stops them. Every step is a timeline entry, so Slack hears of it through the outbox.
/// </summary>
public sealed class PostmortemService(IncidentsDbContext db, PostmortemMetrics metrics)
{
    /// <summary>
    /// In the caller's transaction: drafts the postmortem of an incident that has just been resolved by <paramref name="by"/>
    /// (not of a <see cref="Incident.Quiet"/> one: it was over before anyone knew).
    /// Returns the postmortem to wake after the commit, or null when nothing changed.
    /// </summary>
    internal async Task<Postmortem?> TrackAsync(Incident incident, bool wasResolved, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (incident.Status != IncidentStatus.Resolved || wasResolved || incident.Quiet)
        {
            return null;
        }
        Postmortem? postmortem = incident.Id == 0 ? null : await db.Postmortems.SingleOrDefaultAsync(p => p.IncidentId == incident.Id, cancellationToken);
        if (postmortem is { IsCompleted: true })
        {
            return null;
        }
        if (postmortem is null)
        {
            postmortem = new Postmortem(incident);
            db.Postmortems.Add(postmortem);
        }
        string? owner = incident.Commander ?? (by.Kind == ActorKind.SlackUser ? by.Id : incident.Assignee);
        postmortem.Draft(now, owner);
        incident.Record(TimelineEntryKind.PostmortemDrafted, Actor.System, now,
            "Postmortem draft ready; reminders follow at 24 h and 48 h, and it is overdue at 72 h", owner is null ? null : [owner]);
        metrics.Drafted();
        return postmortem;
    }

    /// <summary>In the caller's transaction: marks the postmortem of <paramref name="incident"/> done.</summary>
    internal async Task<(IncidentError? Error, Postmortem? Postmortem)> CompleteAsync(
        Incident incident, string link, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Postmortem? postmortem = await db.Postmortems.SingleOrDefaultAsync(p => p.IncidentId == incident.Id, cancellationToken);
        if (postmortem is null)
        {
            return (IncidentError.InvalidTransition($"{incident.Key} has no postmortem yet: it is drafted when the incident is resolved."), null);
        }
        if (postmortem.IsCompleted)
        {
            return (IncidentError.InvalidTransition($"The postmortem of {incident.Key} is already done: {postmortem.Link}"), null);
        }
        postmortem.Complete(link, now);
        incident.Record(TimelineEntryKind.PostmortemCompleted, by, now, $"Postmortem done: {link}");
        metrics.Completed(now - postmortem.ResolvedAt);
        return (null, postmortem);
    }
}
