using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Heartbeats;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Heartbeats;

/// <summary>The dead-man's switch with Alertmanager:Heartbeat:AlertName "Watchdog" and MaxGap 5 minutes.</summary>
public sealed class HeartbeatTests(PostgresServer postgres)
{
    private const string Lead = "UBOB";
    private static readonly TimeSpan s_maxGap = TimeSpan.FromMinutes(5);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AlertSignal Watchdog(AlertStatus status = AlertStatus.Firing) => Firing("watchdog") with
    {
        Status = status,
        Labels = new Dictionary<string, string> { ["alertname"] = "Watchdog", ["severity"] = "none" },
    };

    private static AlertGroupSignal WatchdogGroup(AlertStatus status = AlertStatus.Firing) =>
        GroupWithKey("{}/{alertname=\"Watchdog\"}:{alertname=\"Watchdog\"}", Watchdog(status));

    private Automation NewAutomation() => new(_time, new EscalationOptions
    {
        Policies = [new EscalationPolicy { Name = "sev1", Severities = [Severity.Sev1], Steps = [new EscalationStep { Users = [Lead], WaitMinutes = 5 }] }],
    });

    [Theory, OnEveryDatabase]
    public async Task The_heartbeat_alert_opens_no_incident_and_is_taken_out_of_a_group_that_has_other_alerts(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        await using IncidentsDbContext context = db.NewContext();
        HeartbeatService heartbeats = automation.Heartbeats(context);

        AlertGroupSignal? alone = await heartbeats.SeparateAsync(WatchdogGroup(), Ct);
        AlertGroupSignal? mixed = await heartbeats.SeparateAsync(Group(Watchdog(), Firing("a1")), Ct);
        AlertGroupSignal? without = await heartbeats.SeparateAsync(Group(Firing("a1")), Ct);

        Assert.Null(alone);
        Assert.Equal(["a1"], mixed!.Alerts.Select(a => a.Fingerprint));
        Assert.Equal(["a1"], without!.Alerts.Select(a => a.Fingerprint));
        await using IncidentsDbContext check = db.NewContext();
        Assert.Equal(0, await check.Incidents.CountAsync(Ct));
        Heartbeat heartbeat = await check.Heartbeats.SingleAsync(Ct);
        Assert.Equal((_time.GetUtcNow(), _time.GetUtcNow() + s_maxGap), (heartbeat.LastBeatAt, heartbeat.DueAt));
    }

    [Theory, OnEveryDatabase]
    public async Task No_heartbeat_within_the_gap_opens_one_escalated_SEV1_incident_and_the_heartbeat_returning_resolves_it(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        await BeatAsync(db, automation, WatchdogGroup());
        DateTimeOffset lastBeat = _time.GetUtcNow();
        _time.Advance(s_maxGap - TimeSpan.FromSeconds(1));
        Assert.False(await FireAsync(db, automation));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await FireAsync(db, automation));
        Assert.False(await FireAsync(db, automation)); // once: the next wait starts when the heartbeat returns

        Incident silent;
        await using (IncidentsDbContext check = db.NewContext())
        {
            silent = await check.Incidents.Include(i => i.Timeline).SingleAsync(Ct);
            Assert.Equal((IncidentSource.Heartbeat, Severity.Sev1, IncidentStatus.Triggered, "Alerting pipeline silent"), (silent.Source, silent.Severity, silent.Status, silent.Title));
            Assert.Equal(
                "Opened SEV1: no Watchdog heartbeat from Alertmanager since 2026-03-02 09:15:00 UTC, longer than the expected 00:05:00. "
                + "Prometheus or Alertmanager may be down or misrouted, and alerts may reach nobody",
                Assert.Single(silent.Timeline).Text);
            IncidentEscalation escalation = await check.Escalations.SingleAsync(Ct);
            Assert.Equal((silent.Id, lastBeat + s_maxGap), (escalation.IncidentId, escalation.DueAt)); // its first step pages at once
            Assert.Null((await check.Heartbeats.SingleAsync(Ct)).DueAt);
        }
        await automation.Scheduler.Received(1).ScheduleAsync(EscalationSteps.KindName, silent.Key.ToString(), lastBeat + s_maxGap, Arg.Any<CancellationToken>());
        await automation.Scheduler.Received(1).CancelAsync(HeartbeatChecks.KindName, Heartbeat.PipelineName, Arg.Any<CancellationToken>());

        await BeatAsync(db, automation, WatchdogGroup());

        await using IncidentsDbContext after = db.NewContext();
        Incident resolved = await after.Incidents.Include(i => i.Timeline).SingleAsync(Ct);
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.Equal("Resolved: the Watchdog heartbeat arrived again: alerts reach the bot", resolved.Timeline.Single(e => e.Kind == TimelineEntryKind.Resolved).Text);
        Assert.Null((await after.Escalations.SingleAsync(Ct)).DueAt);
        Heartbeat heartbeat = await after.Heartbeats.SingleAsync(Ct);
        Assert.Equal((_time.GetUtcNow() + s_maxGap, (long?)null), (heartbeat.DueAt, heartbeat.SilentIncidentId));
        await automation.Scheduler.Received(1).ScheduleAsync(HeartbeatChecks.KindName, Heartbeat.PipelineName, _time.GetUtcNow() + s_maxGap, Arg.Any<CancellationToken>());
    }

    [Theory, OnEveryDatabase]
    public async Task A_resolved_heartbeat_alert_is_no_heartbeat(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        await BeatAsync(db, automation, WatchdogGroup());
        DateTimeOffset dueAt = _time.GetUtcNow() + s_maxGap;
        _time.Advance(TimeSpan.FromMinutes(2));

        await BeatAsync(db, automation, WatchdogGroup(AlertStatus.Resolved));

        await using IncidentsDbContext check = db.NewContext();
        Assert.Equal(dueAt, (await check.Heartbeats.SingleAsync(Ct)).DueAt);
        Assert.Equal(0, await check.Incidents.CountAsync(Ct));
    }

    [Theory, OnEveryDatabase]
    public async Task Arming_at_start_waits_for_a_first_heartbeat_but_not_again_while_the_silence_is_an_open_incident(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        await ArmAsync(db, automation);
        DateTimeOffset firstDue = _time.GetUtcNow() + s_maxGap;
        _time.Advance(TimeSpan.FromMinutes(1));
        await ArmAsync(db, automation); // a restart while waiting keeps the wait
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(await FireAsync(db, automation));
        _time.Advance(TimeSpan.FromMinutes(10));

        await ArmAsync(db, automation); // a restart while silent

        await using IncidentsDbContext check = db.NewContext();
        Assert.Null((await check.Heartbeats.SingleAsync(Ct)).DueAt);
        Incident silent = await check.Incidents.Include(i => i.Timeline).SingleAsync(Ct);
        Assert.Contains("since the bot started", silent.Timeline[0].Text, StringComparison.Ordinal);
        await automation.Scheduler.Received(1).ScheduleAsync(HeartbeatChecks.KindName, Heartbeat.PipelineName, firstDue, Arg.Any<CancellationToken>());
    }

    [Theory, OnEveryDatabase]
    public async Task Replicas_taking_heartbeats_at_once_and_firing_at_once_open_one_incident(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => BeatAsync(db, automation, WatchdogGroup())));
        _time.Advance(s_maxGap);

        bool[] fired = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FireAsync(db, automation)));

        Assert.Single(fired, true);
        await using IncidentsDbContext check = db.NewContext();
        Assert.Equal(1, await check.Incidents.CountAsync(i => i.Source == IncidentSource.Heartbeat, Ct));
    }

    /// <summary>Replicas that take heartbeats at once may tell the scheduler an older due time last: its wake-up comes early.</summary>
    [Theory, OnEveryDatabase]
    public async Task A_wake_up_before_the_due_time_fires_nothing_and_asks_again_for_the_due_time(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        await BeatAsync(db, automation, WatchdogGroup());
        DateTimeOffset dueAt = _time.GetUtcNow() + s_maxGap;
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(await FireAsync(db, automation));

        await automation.Scheduler.Received(2).ScheduleAsync(HeartbeatChecks.KindName, Heartbeat.PipelineName, dueAt, Arg.Any<CancellationToken>());
        await using IncidentsDbContext check = db.NewContext();
        Assert.Equal(0, await check.Incidents.CountAsync(Ct));
    }

    [Fact]
    public void A_gap_under_a_second_stops_the_start_naming_the_key()
    {
        var validator = new HeartbeatOptionsValidator();

        Assert.True(validator.Validate(null, new HeartbeatOptions()).Succeeded);
        Assert.Contains("Alertmanager:Heartbeat:MaxGap", validator.Validate(null, new HeartbeatOptions { MaxGap = TimeSpan.Zero }).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Alertmanager:Heartbeat:AlertName", validator.Validate(null, new HeartbeatOptions { AlertName = " " }).FailureMessage, StringComparison.Ordinal);
    }

    private static async Task BeatAsync(TestDb db, Automation automation, AlertGroupSignal group)
    {
        await using IncidentsDbContext context = db.NewContext();
        await automation.Heartbeats(context).SeparateAsync(group, Ct);
    }

    private static async Task ArmAsync(TestDb db, Automation automation)
    {
        await using IncidentsDbContext context = db.NewContext();
        await automation.Heartbeats(context).ArmAsync(Ct);
    }

    private static async Task<bool> FireAsync(TestDb db, Automation automation)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await automation.DueWork(context).FireDueAsync(HeartbeatChecks.KindName, Heartbeat.PipelineName, Ct);
    }
}
