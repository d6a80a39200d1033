using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Heartbeats;

/// <summary>
/// The dead-man's switch as due work: when no heartbeat arrived within Alertmanager:Heartbeat:MaxGap, opens the SEV1 incident
/// "Alerting pipeline silent" and escalates it as any other. It fires once: the next wait starts when the heartbeat returns.
/// </summary>
internal sealed class HeartbeatChecks(IncidentsDbContext db, EscalationService escalations, IOptions<HeartbeatOptions> options)
    : DueWorkKind<Heartbeat>(KindName, db)
{
    public const string KindName = "heartbeats";

    protected override string KeyOf(Heartbeat heartbeat) => heartbeat.Name;

    protected override Task<Heartbeat?> FindAsync(string key, CancellationToken cancellationToken) =>
        Db.Heartbeats.SingleOrDefaultAsync(h => h.Name == key, cancellationToken);

    protected override void Fire(Heartbeat heartbeat, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (options.Value.MaxGap is not { } maxGap)
        {
            heartbeat.Disarm(); // the switch was turned off since
            return;
        }
        Incident silent = Incident.OpenPipelineSilent(options.Value.AlertName, heartbeat.LastBeatAt, maxGap, now);
        Db.Incidents.Add(silent);
        heartbeat.FellSilent(silent);
    }

    protected override async Task<IReadOnlyList<IDueWork>> FireAsync(Heartbeat heartbeat, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Fire(heartbeat, dueAt, now);
        return heartbeat.SilentIncident is { Id: 0 } opened && await escalations.TrackAsync(opened, isNew: true, Actor.System, now, cancellationToken) is { } escalation
            ? [escalation]
            : [];
    }
}
