using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// Postmortem reminders as due work: while a postmortem is not done, its owner is reminded at 24 h and 48 h after the
/// resolution, and at 72 h the incidents channel hears that it is overdue.
/// </summary>
internal sealed class PostmortemReminders(IncidentsDbContext db) : IncidentDueWorkKind<Postmortem>(KindName, db)
{
    public const string KindName = "postmortem-reminders";

    protected override void Fire(Postmortem postmortem, DateTimeOffset dueAt, DateTimeOffset now)
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
}
