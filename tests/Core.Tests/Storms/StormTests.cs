using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Storms;
using ChatOpsIncidents.Core.Tests.Alerts;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Storms;

/// <summary>Storms:Threshold and Storms:Window at their defaults: more than 10 incidents opened within 2 minutes is a storm.</summary>
public sealed class StormTests(PostgresServer postgres)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task Ten_incidents_within_the_window_make_no_storm_and_the_eleventh_opens_one_with_all_eleven_attached(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time);

        List<IncidentKey> opened = [];
        for (int group = 1; group <= 10; group++)
        {
            opened.Add((await intake.DeliverAsync(Numbered(group))).Incident);
            _time.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Empty(await StormsAsync(db));

        opened.Add((await intake.DeliverAsync(Numbered(11))).Incident);

        Storm storm = Assert.Single(await StormsAsync(db));
        Assert.True(storm.Ongoing);
        Assert.Equal(_time.GetUtcNow(), storm.StartedAt);
        Incident stormIncident = await intake.LoadAsync(storm.Incident.Key);
        Assert.Equal(IncidentSource.Storm, stormIncident.Source);
        Assert.Equal("Alert storm: 11 incidents opened within 2 min", stormIncident.Title);
        Assert.Equal(
            [TimelineEntryKind.Opened, .. Enumerable.Repeat(TimelineEntryKind.StormMemberAdded, 11)],
            stormIncident.Timeline.Select(e => e.Kind));
        Assert.Equal($"{opened[0]} attached: SEV1 Pod checkout-api-a1 is crash looping (alertname: KubePodCrashLooping)", stormIncident.Timeline[1].Text);
        foreach (IncidentKey key in opened)
        {
            Incident member = await intake.LoadAsync(key);
            Assert.Equal(storm.IncidentId, member.StormIncidentId);
            Assert.Equal($"Attached to the alert storm {stormIncident.Key}", member.Timeline[^1].Text);
            Assert.Equal(TimelineEntryKind.Opened, member.Timeline[0].Kind); // its own timeline, alerts and times stay its own
            Assert.Single(member.Alerts);
        }
        // The storm may end once two of its eleven are older than the window: 2 minutes after the second opened.
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), storm.DueAt);
        await intake.Automation.Scheduler.Received(1).ScheduleAsync(StormEnds.KindName, stormIncident.Key.ToString(), storm.DueAt!.Value, Arg.Any<CancellationToken>());
    }

    [Theory, OnEveryDatabase]
    public async Task Incidents_spread_wider_than_the_window_make_no_storm(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time);

        for (int group = 1; group <= 20; group++)
        {
            await intake.DeliverAsync(Numbered(group));
            _time.Advance(TimeSpan.FromSeconds(13)); // ten in 2 minutes, never eleven
        }

        Assert.Empty(await StormsAsync(db));
        Assert.DoesNotContain(await intake.AllIncidentsAsync(), i => i.StormIncidentId is not null);
    }

    [Theory, OnEveryDatabase]
    public async Task Incidents_opened_while_the_storm_lasts_are_attached_to_it_and_a_reopened_one_is_not(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time);
        IncidentKey first = (await intake.DeliverAsync(Numbered(1))).Incident;
        await intake.DeliverAsync(Numbered(1, resolved: true));
        for (int group = 2; group <= 12; group++)
        {
            await intake.DeliverAsync(Numbered(group));
        }
        Storm storm = Assert.Single(await StormsAsync(db));

        _time.Advance(TimeSpan.FromSeconds(30));
        IncidentKey later = (await intake.DeliverAsync(Numbered(13))).Incident;
        Assert.Equal(AlertIntakeOutcome.Reopened, (await intake.DeliverAsync(Numbered(1) with { Alerts = [Firing("a1", StartsAt.AddMinutes(1))] })).Outcome);

        Assert.Equal(storm.IncidentId, (await intake.LoadAsync(later)).StormIncidentId);
        Assert.Null((await intake.LoadAsync(first)).StormIncidentId); // resolved before the storm, reopened during it: not new
        Assert.Equal(12, (await intake.LoadAsync(storm.Incident.Key)).Timeline.Count(e => e.Kind == TimelineEntryKind.StormMemberAdded));
    }

    [Theory, OnEveryDatabase]
    public async Task Two_replicas_opening_incidents_at_once_across_the_threshold_make_one_storm_with_every_incident_attached(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var replicaA = new IntakeHarness(db, _time);
        var replicaB = new IntakeHarness(db, _time);
        for (int group = 1; group <= 9; group++)
        {
            await replicaA.DeliverAsync(Numbered(group));
        }

        await Task.WhenAll(Enumerable.Range(10, 8).Select(group =>
            Task.Run(() => (group % 2 == 0 ? replicaA : replicaB).DeliverAsync(Numbered(group)), Ct)));

        Storm storm = Assert.Single(await StormsAsync(db));
        List<Incident> incidents = await replicaA.AllIncidentsAsync();
        Assert.Single(incidents, i => i.IsStorm);
        Assert.All(incidents.Where(i => !i.IsStorm), i => Assert.Equal(storm.IncidentId, i.StormIncidentId));
        Assert.Equal(17, (await replicaA.LoadAsync(storm.Incident.Key)).Timeline.Count(e => e.Kind == TimelineEntryKind.StormMemberAdded));
    }

    [Theory, OnEveryDatabase]
    public async Task Forty_webhook_deliveries_batched_on_two_replicas_at_once_make_one_storm_with_all_forty_attached(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using var replicaA = new BatchedIntake(db, _time);
        await using var replicaB = new BatchedIntake(db, _time);

        await Task.WhenAll(Enumerable.Range(1, 40).Select(group =>
            Task.Run(() => (group % 2 == 0 ? replicaA : replicaB).DeliverAsync(Numbered(group)), Ct)));

        Storm storm = Assert.Single(await StormsAsync(db));
        await using IncidentsDbContext context = db.NewContext();
        Assert.Equal(40, await context.Incidents.CountAsync(i => i.StormIncidentId == storm.IncidentId, Ct));
        Assert.Equal(40, await context.TimelineEntries.CountAsync(e => e.IncidentId == storm.IncidentId && e.Kind == TimelineEntryKind.StormMemberAdded, Ct));
        Assert.Equal(40, await context.TimelineEntries.CountAsync(e => e.Kind == TimelineEntryKind.StormJoined, Ct));
    }

    [Theory, OnEveryDatabase]
    public async Task The_database_refuses_a_second_ongoing_storm(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using IncidentsDbContext context = db.NewContext();
        foreach (int _ in new[] { 1, 2 })
        {
            Incident incident = Incident.OpenStorm(11, TimeSpan.FromMinutes(2), _time.GetUtcNow());
            context.Incidents.Add(incident);
            context.Storms.Add(new Storm(incident, _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(1)));
        }

        DbUpdateException refused = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync(Ct));
        Assert.True(ConflictRetry.IsLostRace(refused));
    }

    [Theory, OnEveryDatabase]
    public async Task The_storm_ends_when_fewer_than_the_threshold_opened_within_a_window_and_its_timeline_sums_it_up(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time);
        for (int group = 1; group <= 11; group++)
        {
            await intake.DeliverAsync(Numbered(group, severity: group == 1 ? "critical" : "warning", alertName: group <= 8 ? "HighCpu" : "DiskFull"));
        }
        Storm storm = Assert.Single(await StormsAsync(db));

        _time.Advance(TimeSpan.FromMinutes(1));
        for (int group = 12; group <= 21; group++)
        {
            await intake.DeliverAsync(Numbered(group, severity: "info", alertName: "DiskFull")); // ten more keep it going
        }
        _time.Advance(TimeSpan.FromSeconds(61)); // the first eleven are older than the window; ten are not
        Assert.True(await FireAsync(db, intake, storm));
        Storm goingOn = Assert.Single(await StormsAsync(db));
        Assert.True(goingOn.Ongoing);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(59), goingOn.DueAt);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.True(await FireAsync(db, intake, storm));

        Storm ended = Assert.Single(await StormsAsync(db));
        Assert.False(ended.Ongoing);
        Assert.Equal(_time.GetUtcNow(), ended.EndedAt);
        Assert.Null(ended.DueAt);
        Incident stormIncident = await intake.LoadAsync(storm.Incident.Key);
        Assert.Equal(IncidentStatus.Triggered, stormIncident.Status); // people resolve it, when they are done
        TimelineEntry end = stormIncident.Timeline[^1];
        Assert.Equal(TimelineEntryKind.StormEnded, end.Kind);
        Assert.Equal("Storm ended: 21 incidents attached (SEV1 1 · SEV3 10 · SEV4 10); by alertname: DiskFull 13 · HighCpu 8", end.Text);

        _time.Advance(TimeSpan.FromMinutes(1));
        await intake.DeliverAsync(Numbered(22));
        Assert.Null((await intake.AllIncidentsAsync())[^1].StormIncidentId); // after the storm, incidents are on their own again
    }

    private static async Task<bool> FireAsync(TestDb db, IntakeHarness intake, Storm storm)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await intake.Automation.DueWork(context).FireDueAsync(StormEnds.KindName, storm.Incident.Key.ToString(), Ct);
    }

    private static async Task<List<Storm>> StormsAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await context.Storms.AsNoTracking().Include(s => s.Incident).ToListAsync(Ct);
    }

    /// <summary>Alert group number <paramref name="group"/> with one alert, "a{group}".</summary>
    private static AlertGroupSignal Numbered(int group, bool resolved = false, string severity = "critical", string alertName = "KubePodCrashLooping")
    {
        AlertSignal alert = Firing($"a{group}", severity: severity);
        alert = alert with { Labels = new Dictionary<string, string>(alert.Labels) { ["alertname"] = alertName } };
        AlertGroupSignal signal = GroupWithKey($"{{}}:{{group=\"{group}\"}}", resolved ? alert.Resolved(StartsAt.AddMinutes(1)) : alert);
        return signal with { CommonLabels = new Dictionary<string, string>(signal.CommonLabels) { ["alertname"] = alertName } };
    }
}
