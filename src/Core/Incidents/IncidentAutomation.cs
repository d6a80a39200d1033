using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Postmortems;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// What the bot does by itself when an incident changes, in the change's own transaction: escalate an incident that
/// (re)entered Triggered, stop escalating one that left it, draft the postmortem of one just resolved, count its time to resolve
/// once its resolution is final (<see cref="FinalResolutionService"/>). After the commit,
/// <see cref="WakeAsync"/> tells the scheduler when the due work it changed is due.
/// </summary>
public sealed class IncidentAutomation(EscalationService escalations, PostmortemService postmortems, FinalResolutionService finalResolutions, DueWorkService dueWork)
{
    /// <param name="statusBefore">The incident's status before the change; null for a new incident.</param>
    internal async Task<IncidentWake?> ReactAsync(Incident incident, IncidentStatus? statusBefore, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IncidentEscalation? escalation = await escalations.TrackAsync(incident, statusBefore is null, by, now, cancellationToken);
        Postmortem? postmortem = await postmortems.TrackAsync(incident, statusBefore == IncidentStatus.Resolved, by, now, cancellationToken);
        FinalResolution? resolution = await finalResolutions.TrackAsync(incident, statusBefore, now, cancellationToken);
        IDueWork[] changed = [.. new IDueWork?[] { escalation, postmortem, resolution }.OfType<IDueWork>()];
        return changed.Length == 0 ? null : new IncidentWake(changed);
    }

    internal async Task WakeAsync(IncidentWake? wake, CancellationToken cancellationToken)
    {
        foreach (IDueWork work in wake?.Work ?? [])
        {
            await dueWork.WakeAsync(work, cancellationToken);
        }
    }

    internal async Task<(IncidentError? Error, IncidentWake? Wake)> CompletePostmortemAsync(
        Incident incident, string link, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        (IncidentError? error, Postmortem? postmortem) = await postmortems.CompleteAsync(incident, link, by, now, cancellationToken);
        return (error, postmortem is null ? null : new IncidentWake([postmortem]));
    }
}
