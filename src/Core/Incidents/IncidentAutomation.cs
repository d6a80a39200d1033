using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Storms;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// What the bot does by itself when an incident changes, in the change's own transaction: escalate an incident that
/// (re)entered Triggered, stop escalating one that left it, draft the postmortem of one just resolved, count its time to resolve
/// once its resolution is final (<see cref="FinalResolutionService"/>), gather new incidents into an alert storm, track a follow-up
/// in the team's issue tracker (<see cref="FollowUpService"/>). After the commit,
/// <see cref="WakeAsync"/> tells the scheduler when the due work it changed is due.
/// </summary>
public sealed class IncidentAutomation(
    EscalationService escalations,
    PostmortemService postmortems,
    FinalResolutionService finalResolutions,
    StormService storms,
    FollowUpService followUps,
    DueWorkService dueWork)
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

    /// <summary>
    /// After <paramref name="opened"/> (incidents just opened from alerts) were saved, in their transaction: attaches them to the
    /// ongoing storm, or starts one when they make one (its incident escalates as any other). Saves what it did.
    /// </summary>
    internal async Task<IncidentWake?> GatherIntoStormAsync(IReadOnlyList<Incident> opened, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await storms.FindOrStartAsync(opened, now, cancellationToken) is not (Storm storm, bool started))
        {
            return null;
        }
        IncidentWake? reaction = started ? await ReactAsync(storm.Incident, statusBefore: null, Actor.System, now, cancellationToken) : null;
        await storms.AttachAsync(storm, started, opened, now, cancellationToken);
        return started ? new IncidentWake([storm, .. reaction?.Work ?? []]) : null;
    }

    /// <summary>Before a change that may open incidents from alerts writes anything: see <see cref="StormService.HoldDecisionsAsync"/>.</summary>
    internal Task HoldStormDecisionsAsync(CancellationToken cancellationToken) => storms.HoldDecisionsAsync(cancellationToken);

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

    internal (IncidentError? Error, IncidentWake? Wake) AddFollowUp(Incident incident, string text, string? owner, Actor by, DateTimeOffset now) =>
        (null, followUps.Add(incident, text, owner, by, now) is { } tracked ? new IncidentWake([tracked]) : null);
}
