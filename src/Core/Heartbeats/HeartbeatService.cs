using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Heartbeats;

/// <summary>
/// The dead-man's switch (Alertmanager:Heartbeat): each delivery of the firing heartbeat alert moves the time the pipeline counts
/// as silent on by MaxGap and resolves the incident its silence opened; <see cref="HeartbeatChecks"/> opens that incident when
/// the time comes. Replicas that take a heartbeat at once redo the loser's transaction (the due time is the row's concurrency token).
/// </summary>
public sealed class HeartbeatService(
    IncidentsDbContext db, IncidentAutomation automation, DueWorkService dueWork, IOptions<HeartbeatOptions> options, TimeProvider time)
{
    private readonly HeartbeatOptions _options = options.Value;

    /// <summary>
    /// Takes the heartbeat alerts out of <paramref name="group"/>: they never open an incident, and a firing one is a heartbeat.
    /// Returns the rest of the group, or null when the heartbeat was all it carried.
    /// </summary>
    public async Task<AlertGroupSignal?> SeparateAsync(AlertGroupSignal group, CancellationToken cancellationToken)
    {
        List<AlertSignal> heartbeats = [.. group.Alerts.Where(a => a.AlertName == _options.AlertName)];
        if (heartbeats.Count == 0)
        {
            return group;
        }
        if (heartbeats.Any(a => a.Status == AlertStatus.Firing))
        {
            await BeatAsync(cancellationToken);
        }
        return heartbeats.Count == group.Alerts.Count ? null : group with { Alerts = [.. group.Alerts.Except(heartbeats)] };
    }

    /// <summary>
    /// At start-up, with the switch on: starts the wait for a first heartbeat, so a pipeline that never delivers one pages too,
    /// unless a wait is under way or the pipeline's silence is still an open incident.
    /// </summary>
    public async Task ArmAsync(CancellationToken cancellationToken)
    {
        if (_options.MaxGap is not { } maxGap)
        {
            return;
        }
        Heartbeat? armed = await db.WriteAsync(
            async token =>
            {
                DateTimeOffset now = time.GetStorableUtcNow();
                (Heartbeat heartbeat, bool added) = await FindOrAddAsync(now + maxGap, token);
                if (!added)
                {
                    if (heartbeat.DueAt is not null || heartbeat.IsSilent)
                    {
                        return null;
                    }
                    heartbeat.Arm(now + maxGap);
                }
                await db.SaveChangesAsync(token);
                return heartbeat;
            },
            cancellationToken);
        if (armed is not null)
        {
            await dueWork.WakeAsync(armed, cancellationToken);
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        if (_options.MaxGap is not { } maxGap)
        {
            return;
        }
        (Heartbeat heartbeat, IncidentWake? wake) = await db.WriteAsync(
            async token =>
            {
                DateTimeOffset now = time.GetStorableUtcNow();
                (Heartbeat heartbeat, _) = await FindOrAddAsync(now + maxGap, token);
                IncidentWake? wake = null;
                if (heartbeat.SilentIncident is { IsOpen: true } silent)
                {
                    IncidentStatus before = silent.Status;
                    silent.Resolve(Actor.System, now, $"the {_options.AlertName} heartbeat arrived again: alerts reach the bot");
                    wake = await automation.ReactAsync(silent, before, Actor.System, now, token);
                }
                heartbeat.Beat(now, now + maxGap);
                await db.SaveChangesAsync(token);
                return (heartbeat, wake);
            },
            cancellationToken);
        await dueWork.WakeAsync(heartbeat, cancellationToken);
        await automation.WakeAsync(wake, cancellationToken);
    }

    /// <summary>The heartbeat's row, with its silence's incident; a new one, due at <paramref name="dueAt"/>, on the first start.</summary>
    private async Task<(Heartbeat Heartbeat, bool Added)> FindOrAddAsync(DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        if (await db.Heartbeats.Include(h => h.SilentIncident).SingleOrDefaultAsync(h => h.Name == Heartbeat.PipelineName, cancellationToken) is { } found)
        {
            return (found, false);
        }
        var added = new Heartbeat(dueAt);
        db.Heartbeats.Add(added);
        return (added, true);
    }
}
