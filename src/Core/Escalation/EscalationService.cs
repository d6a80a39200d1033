using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// Starts escalating an incident under its policy when it (re)enters Triggered and stops when it leaves it, in the change's
/// own transaction. The steps themselves are due work (<see cref="EscalationSteps"/>). A step and a racing ack both change the
/// incident's version, so one of them goes first and the other sees its outcome: a step after an ack never fires.
/// </summary>
public sealed class EscalationService(IncidentsDbContext db, EscalationPolicies policies)
{
    // Compiled: every change of an incident (each ack, each alert group) reads its escalation.
    private static readonly CompiledPerModel<Func<IncidentsDbContext, long, CancellationToken, Task<IncidentEscalation?>>> s_escalation = new(
        () => EF.CompileAsyncQuery((IncidentsDbContext db, long incidentId, CancellationToken _) => db.Escalations.SingleOrDefault(e => e.IncidentId == incidentId)));

    /// <summary>
    /// In the caller's transaction, after <paramref name="by"/> changed <paramref name="incident"/>: starts escalating an incident
    /// that (re)entered Triggered, stops escalating one that left it, or one a person worked on when any human action stops
    /// escalation (<see cref="EscalationOptions.StopOn"/>). Returns the escalation to wake after the commit, or null when
    /// nothing changed.
    /// </summary>
    /// <param name="isNew">True when the change created the incident: declaring an incident is no sign that someone is on it.</param>
    internal async Task<IncidentEscalation?> TrackAsync(Incident incident, bool isNew, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IncidentEscalation? escalation = incident.Id == 0
            ? null
            : await s_escalation.For(db)(db, incident.Id, cancellationToken);
        bool personIsOnIt = !isNew && policies.StopOn == EscalationStop.AnyHumanAction && by.IsHuman;
        if (incident.Status != IncidentStatus.Triggered || personIsOnIt)
        {
            if (escalation is not { DueAt: not null })
            {
                return null;
            }
            escalation.Stop();
            if (incident.Status == IncidentStatus.Triggered)
            {
                incident.Record(TimelineEntryKind.EscalationStopped, by, now, $"Escalation stopped: {by.DisplayName} is working on the incident");
            }
            return escalation;
        }
        if ((escalation is not null && escalation.TriggeredAt == incident.TriggeredAt) || policies.For(incident) is not { } policy)
        {
            return null;
        }
        if (escalation is null)
        {
            escalation = new IncidentEscalation(incident);
            db.Escalations.Add(escalation);
        }
        escalation.Start(policy.Name, incident.TriggeredAt, now);
        return escalation;
    }
}
