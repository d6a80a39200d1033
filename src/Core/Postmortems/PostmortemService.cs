using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// Drafts the postmortem of every resolved incident and chases it: reminders to its owner at 24 h and 48 h, the incidents
/// channel told at 72 h, until someone marks it done. Every step is a timeline entry, so Slack hears of it through the outbox.
/// </summary>
public sealed partial class PostmortemService(
    IncidentsDbContext db,
    IPostmortemScheduler scheduler,
    PostmortemMetrics metrics,
    TimeProvider time,
    ILogger<PostmortemService> logger)
{
    /// <summary>
    /// In the caller's transaction: drafts the postmortem of an incident that has just been resolved by <paramref name="by"/>.
    /// Returns the postmortem to wake after the commit, or null when nothing changed.
    /// </summary>
    internal async Task<Postmortem?> TrackAsync(Incident incident, bool wasResolved, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (incident.Status != IncidentStatus.Resolved || wasResolved)
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

    internal async Task WakeAsync(Postmortem postmortem, CancellationToken cancellationToken)
    {
        try
        {
            if (postmortem.NextReminderAt is { } dueAt)
            {
                await scheduler.ScheduleReminderAsync(postmortem.Incident.Key, dueAt, cancellationToken);
            }
            else
            {
                await scheduler.CancelReminderAsync(postmortem.Incident.Key, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSchedulingFailed(logger, postmortem.Incident.Key, exception);
        }
    }

    /// <summary>Sends the due reminder (or overdue notice) of an unfinished postmortem; false when nothing was due.</summary>
    public async Task<bool> FireDueReminderAsync(IncidentKey key, CancellationToken cancellationToken)
    {
        Postmortem? reminded = await db.WriteAsync(
            async token =>
            {
                DateTimeOffset now = time.GetStorableUtcNow();
                Postmortem? postmortem = await db.Postmortems.Include(p => p.Incident).SingleOrDefaultAsync(p => p.IncidentId == key.Number, token);
                if (postmortem is not { NextReminderAt: { } dueAt } || dueAt > now)
                {
                    return null;
                }
                Remind(postmortem, now);
                await db.SaveChangesAsync(token);
                return postmortem;
            },
            cancellationToken);
        if (reminded is null)
        {
            return false;
        }
        await WakeAsync(reminded, cancellationToken);
        return true;
    }

    /// <summary>The safety net: sends every reminder whose trigger was lost, and counts the overdue postmortems for the gauge.</summary>
    public async Task<int> FireOverdueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetStorableUtcNow();
        DateTimeOffset cutoff = now - TimeSpan.FromMinutes(1);
        List<long> late = await db.Postmortems.AsNoTracking()
            .Where(p => p.NextReminderAt != null && p.NextReminderAt <= cutoff)
            .Select(p => p.IncidentId)
            .ToListAsync(cancellationToken);
        int fired = 0;
        foreach (long id in late)
        {
            if (await FireDueReminderAsync(new IncidentKey(id), cancellationToken))
            {
                fired++;
                LogLateReminder(logger, new IncidentKey(id));
            }
        }
        DateTimeOffset overdueResolvedBefore = now - (Postmortem.ReminderInterval * (Postmortem.RemindersBeforeOverdue + 1));
        metrics.Overdue(await db.Postmortems.LongCountAsync(p => p.CompletedAt == null && p.ResolvedAt <= overdueResolvedBefore, cancellationToken));
        return fired;
    }

    private static void Remind(Postmortem postmortem, DateTimeOffset now)
    {
        Incident incident = postmortem.Incident;
        string[]? owner = postmortem.Owner is null ? null : [postmortem.Owner];
        int hours = (int)Math.Round((now - postmortem.ResolvedAt).TotalHours);
        if (postmortem.RemindersSent < Postmortem.RemindersBeforeOverdue)
        {
            incident.Record(TimelineEntryKind.PostmortemReminder, Actor.System, now,
                $"Reminder: the postmortem of {incident.Key} is not done yet ({hours} h since it was resolved)", owner);
        }
        else
        {
            incident.Record(TimelineEntryKind.PostmortemOverdue, Actor.System, now,
                $"The postmortem of {incident.Key} is overdue: resolved {hours} h ago and not marked done", owner);
        }
        postmortem.Reminded();
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "The safety net sent the late postmortem reminder of {Incident}")]
    private static partial void LogLateReminder(ILogger logger, IncidentKey incident);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Could not schedule the next postmortem reminder of {Incident}; the safety net will send it")]
    private static partial void LogSchedulingFailed(ILogger logger, IncidentKey incident, Exception exception);
}
