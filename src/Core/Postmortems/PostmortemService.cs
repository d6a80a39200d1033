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
    /// (not of a <see cref="Incident.Quiet"/> one: it was over before anyone knew; not of one marked not actionable, see
    /// <see cref="WithdrawAsync"/>). Returns the postmortem to wake after the commit, or null when nothing changed.
    /// </summary>
    internal async Task<Postmortem?> TrackAsync(Incident incident, bool wasResolved, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (incident.Status != IncidentStatus.Resolved || incident.Quiet)
        {
            return null;
        }
        if (incident.MarkedNoiseAt is not null)
        {
            return await WithdrawAsync(incident, wasResolved, now, cancellationToken);
        }
        if (wasResolved)
        {
            return null;
        }
        Postmortem? postmortem = await FindAsync(incident, cancellationToken);
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

    /// <summary>
    /// A noise incident asks for no postmortem: as it is resolved so, or marked so once resolved, the timeline says why, and a
    /// draft not done yet is withdrawn, its reminders with it (returned to wake, so that they are cancelled). One done stays.
    /// </summary>
    private async Task<Postmortem?> WithdrawAsync(Incident incident, bool wasResolved, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Postmortem? drafted = await FindAsync(incident, cancellationToken);
        if (drafted is { IsCompleted: true } || (drafted is null && wasResolved))
        {
            return null; // done already, or said already
        }
        string text = "No postmortem is asked for: the incident was marked not actionable (noise)";
        if (drafted is not null)
        {
            drafted.Withdraw();
            db.Postmortems.Remove(drafted);
            text += "; its draft and reminders are withdrawn";
        }
        incident.Record(TimelineEntryKind.PostmortemNotNeeded, Actor.System, now, text);
        return drafted;
    }

    private async Task<Postmortem?> FindAsync(Incident incident, CancellationToken cancellationToken) =>
        incident.Id == 0 ? null : await db.Postmortems.SingleOrDefaultAsync(p => p.IncidentId == incident.Id, cancellationToken);

    /// <summary>In the caller's transaction: marks the postmortem of <paramref name="incident"/> done.</summary>
    internal async Task<(IncidentError? Error, Postmortem? Postmortem)> CompleteAsync(
        Incident incident, string link, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Postmortem? postmortem = await FindAsync(incident, cancellationToken);
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
