using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Alerts;

public sealed class AlertIntakeTests(PostgresServer postgres)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    [Theory, OnEveryDatabase]
    public async Task A_first_delivery_opens_one_incident_with_its_alerts_and_an_opening_entry(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);

        AlertIntakeResult result = await intake.DeliverAsync(Group(Firing("aaaa"), Firing("bbbb", StartsAt.AddSeconds(30))));

        Assert.Equal(AlertIntakeOutcome.Opened, result.Outcome);
        Incident incident = await intake.LoadAsync(result.Incident);
        Assert.Equal(IncidentStatus.Triggered, incident.Status);
        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Equal("Pod checkout-api-aaaa is crash looping", incident.Title);
        Assert.Equal("kube-state-metrics", incident.Service);
        Assert.Equal("payments", incident.Namespace);
        Assert.Equal(StartsAt, incident.DetectedAt);
        Assert.Equal(_time.GetUtcNow(), incident.OpenedAt);
        Assert.Equal(["aaaa", "bbbb"], incident.Alerts.Select(a => a.Fingerprint).Order());
        Assert.Equal(
            [TimelineEntryKind.Opened, TimelineEntryKind.AlertFiring, TimelineEntryKind.AlertFiring],
            incident.Timeline.Select(e => e.Kind));
        Assert.All(incident.Timeline, e => Assert.Equal(ActorKind.Alertmanager, e.ActorKind));
    }

    [Theory, OnEveryDatabase]
    public async Task Delivering_the_same_group_again_changes_nothing(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertGroupSignal group = Group(Firing("aaaa", StartsAt.AddTicks(3)), Firing("bbbb"));
        AlertIntakeResult first = await intake.DeliverAsync(group);
        int entries = await intake.TimelineCountAsync();

        _time.Advance(TimeSpan.FromMinutes(5));
        AlertIntakeResult repeat = await intake.DeliverAsync(group);

        Assert.Equal(first.Incident, repeat.Incident);
        Assert.Equal(AlertIntakeOutcome.Unchanged, repeat.Outcome);
        Assert.Equal(entries, await intake.TimelineCountAsync());
        Assert.Equal(2, (await intake.LoadAsync(first.Incident)).Alerts.Count);
    }

    [Theory, OnEveryDatabase]
    public async Task A_new_alert_in_the_group_attaches_to_the_open_incident_and_raises_its_severity(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertSignal warning = Firing("aaaa", severity: "warning");
        AlertIntakeResult first = await intake.DeliverAsync(Group(warning));

        AlertIntakeResult second = await intake.DeliverAsync(Group(warning, Firing("bbbb", StartsAt.AddMinutes(1), severity: "critical")));

        Assert.Equal(first.Incident, second.Incident);
        Assert.Equal(AlertIntakeOutcome.Updated, second.Outcome);
        Incident incident = await intake.LoadAsync(first.Incident);
        Assert.Equal(2, incident.Alerts.Count);
        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineEntryKind.SeverityChanged && e.Text.Contains("SEV3 to SEV1", StringComparison.Ordinal));
        Assert.Single(await intake.AllIncidentsAsync());
    }

    [Theory, OnEveryDatabase]
    public async Task When_every_alert_resolves_the_incident_resolves_itself_and_says_so(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertSignal a = Firing("aaaa");
        AlertSignal b = Firing("bbbb");
        AlertIntakeResult opened = await intake.DeliverAsync(Group(a, b));

        _time.Advance(TimeSpan.FromMinutes(10));
        await intake.DeliverAsync(Group(a.Resolved(_time.GetUtcNow()), b));
        Assert.Equal(IncidentStatus.Triggered, (await intake.LoadAsync(opened.Incident)).Status);

        _time.Advance(TimeSpan.FromMinutes(2));
        await intake.DeliverAsync(Group(a.Resolved(_time.GetUtcNow().AddMinutes(-2)), b.Resolved(_time.GetUtcNow())));

        Incident incident = await intake.LoadAsync(opened.Incident);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal(_time.GetUtcNow(), incident.ResolvedAt);
        Assert.Equal(Actor.Alertmanager, incident.ResolvedBy);
        Assert.Equal(TimeSpan.FromMinutes(12), incident.Times.TimeToResolve);
        Assert.Equal([TimelineEntryKind.AutoResolved, TimelineEntryKind.PostmortemDrafted], incident.Timeline.TakeLast(2).Select(e => e.Kind));
        Assert.All(incident.Alerts, alert => Assert.Equal(AlertStatus.Resolved, alert.Status));
    }

    /// <summary>Issue 17, item 19: an endsAt before the startsAt was taken silently.</summary>
    [Theory, OnEveryDatabase]
    public async Task An_alert_ending_before_it_started_is_accepted_and_its_end_taken_as_its_start_with_a_timeline_note(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertSignal firing = Firing("aaaa");
        AlertIntakeResult opened = await intake.DeliverAsync(Group(firing));

        _time.Advance(TimeSpan.FromMinutes(4));
        await intake.DeliverAsync(Group(firing.Resolved(StartsAt.AddMinutes(-3))));

        Incident incident = await intake.LoadAsync(opened.Incident);
        Alert alert = Assert.Single(incident.Alerts);
        Assert.Equal((AlertStatus.Resolved, StartsAt), (alert.Status, alert.EndsAt));
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal(TimeSpan.FromMinutes(4), incident.Times.TimeToResolve);
        TimelineEntry note = Assert.Single(incident.Timeline, entry => entry.Kind == TimelineEntryKind.Note);
        Assert.Equal(
            "Alert KubePodCrashLooping was reported to end at 2026-03-02 09:11:07Z, before it started at 2026-03-02 09:14:07Z; its end is taken as its start",
            note.Text);
    }

    [Theory, OnEveryDatabase]
    public async Task Many_alerts_ending_before_they_started_in_one_delivery_make_one_timeline_note(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertSignal[] firing = [.. Enumerable.Range(0, 30).Select(i => Firing($"fp-{i:D2}"))];
        AlertIntakeResult opened = await intake.DeliverAsync(Group(firing));

        await intake.DeliverAsync(Group([.. firing.Select(a => a.Resolved(StartsAt.AddMinutes(-3)))]));

        Incident incident = await intake.LoadAsync(opened.Incident);
        TimelineEntry note = Assert.Single(incident.Timeline, entry => entry.Kind == TimelineEntryKind.Note);
        Assert.Equal(
            "30 alerts were reported to end before they started (alert KubePodCrashLooping was reported to end at 2026-03-02 09:11:07Z, "
                + "before it started at 2026-03-02 09:14:07Z); their ends are taken as their starts",
            note.Text);
    }

    [Theory, OnEveryDatabase]
    public async Task With_auto_resolve_off_an_incident_stays_open_after_its_alerts_resolve(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time, new IncidentOptions { AutoResolve = false });
        AlertSignal a = Firing("aaaa");
        AlertIntakeResult opened = await intake.DeliverAsync(Group(a));

        await intake.DeliverAsync(Group(a.Resolved(_time.GetUtcNow())));

        Incident incident = await intake.LoadAsync(opened.Incident);
        Assert.Equal(IncidentStatus.Triggered, incident.Status);
        Assert.Equal(TimelineEntryKind.AlertResolved, incident.Timeline[^1].Kind);
    }

    [Theory, OnEveryDatabase]
    public async Task An_alert_firing_again_within_the_reopen_window_reopens_its_incident(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertSignal a = Firing("aaaa");
        AlertIntakeResult opened = await intake.DeliverAsync(Group(a));
        await intake.DeliverAsync(Group(a.Resolved(_time.GetUtcNow())));

        _time.Advance(TimeSpan.FromMinutes(29));
        AlertIntakeResult again = await intake.DeliverAsync(Group(Firing("aaaa", _time.GetUtcNow())));

        Assert.Equal(opened.Incident, again.Incident);
        Assert.Equal(AlertIntakeOutcome.Reopened, again.Outcome);
        Incident incident = await intake.LoadAsync(opened.Incident);
        Assert.Equal(IncidentStatus.Triggered, incident.Status);
        Assert.Equal((null, null), (incident.ResolvedAt, incident.ResolvedBy));
        Assert.Equal(1, incident.ReopenCount);
        Assert.Equal(_time.GetUtcNow(), incident.TriggeredAt);
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineEntryKind.Reopened && e.Text.Contains("29 min", StringComparison.Ordinal));
    }

    [Theory, OnEveryDatabase]
    public async Task An_alert_firing_again_after_the_reopen_window_opens_a_new_incident(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertSignal a = Firing("aaaa");
        AlertIntakeResult first = await intake.DeliverAsync(Group(a));
        await intake.DeliverAsync(Group(a.Resolved(_time.GetUtcNow())));

        _time.Advance(TimeSpan.FromMinutes(31));
        AlertIntakeResult second = await intake.DeliverAsync(Group(Firing("aaaa", _time.GetUtcNow())));

        Assert.Equal(AlertIntakeOutcome.Opened, second.Outcome);
        Assert.NotEqual(first.Incident, second.Incident);
        Assert.Equal(IncidentStatus.Resolved, (await intake.LoadAsync(first.Incident)).Status);
        Assert.Equal(IncidentStatus.Triggered, (await intake.LoadAsync(second.Incident)).Status);
    }

    [Theory, OnEveryDatabase]
    public async Task A_late_retry_of_the_firing_delivery_does_not_reopen_a_resolved_incident(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertGroupSignal firing = Group(Firing("aaaa"));
        AlertIntakeResult opened = await intake.DeliverAsync(firing);
        await intake.DeliverAsync(Group(Firing("aaaa").Resolved(_time.GetUtcNow())));
        int entries = await intake.TimelineCountAsync();

        AlertIntakeResult late = await intake.DeliverAsync(firing);

        Assert.Equal(opened.Incident, late.Incident);
        Assert.Equal(AlertIntakeOutcome.Unchanged, late.Outcome);
        Assert.Equal(IncidentStatus.Resolved, (await intake.LoadAsync(opened.Incident)).Status);
        Assert.Equal(entries, await intake.TimelineCountAsync());
    }

    [Theory, OnEveryDatabase]
    public async Task Repeats_of_the_all_resolved_delivery_after_the_window_open_nothing_new(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertGroupSignal resolved = Group(Firing("aaaa").Resolved(_time.GetUtcNow().AddMinutes(1)));
        await intake.DeliverAsync(Group(Firing("aaaa")));
        await intake.DeliverAsync(resolved);

        _time.Advance(TimeSpan.FromHours(2));
        AlertIntakeResult repeat = await intake.DeliverAsync(resolved);

        Assert.Equal(AlertIntakeOutcome.Unchanged, repeat.Outcome);
        Assert.Single(await intake.AllIncidentsAsync());
    }

    [Theory, OnEveryDatabase]
    public async Task An_incident_a_person_resolved_is_not_reopened_by_repeats_of_the_alert_still_firing(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertGroupSignal firing = Group(Firing("aaaa"));
        AlertIntakeResult opened = await intake.DeliverAsync(firing);
        await using (IncidentsDbContext context = db.NewContext())
        {
            IncidentCommandResult resolved = await new Automation(_time).Incidents(context)
                .ResolveAsync(opened.Incident, Actor.SlackUser("U024BE7LH"), "rolled back", TestContext.Current.CancellationToken);
            Assert.True(resolved.Succeeded);
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        AlertIntakeResult repeat = await intake.DeliverAsync(firing);

        Assert.Equal(AlertIntakeOutcome.Unchanged, repeat.Outcome);
        Assert.Equal(IncidentStatus.Resolved, (await intake.LoadAsync(opened.Incident)).Status);
    }

    [Theory, OnEveryDatabase]
    public async Task Alerts_that_resolved_before_the_bot_saw_them_fire_are_recorded_as_a_resolved_incident(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);

        AlertIntakeResult result = await intake.DeliverAsync(Group(Firing("aaaa").Resolved(_time.GetUtcNow())));

        Incident incident = await intake.LoadAsync(result.Incident);
        Assert.Equal((IncidentStatus.Resolved, _time.GetUtcNow()), (incident.Status, incident.ResolvedAt));
        Assert.True(incident.Quiet); // no channel, announcement or postmortem: one line in the incidents channel
        Assert.Equal(
            [TimelineEntryKind.Opened, TimelineEntryKind.AlertResolved, TimelineEntryKind.AutoResolved],
            incident.Timeline.Select(e => e.Kind));
        Assert.Equal(0, await PostmortemsAsync(db));
    }

    [Theory, OnEveryDatabase]
    public async Task Simultaneous_deliveries_of_one_group_yield_one_incident_and_one_row_per_alert(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertGroupSignal group = Group(Firing("aaaa"), Firing("bbbb"), Firing("cccc"));

        AlertIntakeResult[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => intake.DeliverAsync(group))));

        Assert.Single(results.Select(r => r.Incident).Distinct());
        Assert.Single(results, r => r.Outcome == AlertIntakeOutcome.Opened);
        Incident incident = Assert.Single(await intake.AllIncidentsAsync());
        Assert.Equal(3, incident.Alerts.Count);
        Assert.Equal(4, await intake.TimelineCountAsync()); // opened + three alerts, once
    }

    [Theory, OnEveryDatabase]
    public async Task Different_groups_open_different_incidents(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);

        AlertIntakeResult first = await intake.DeliverAsync(GroupWithKey("{}:{alertname=\"A\"}", Firing("aaaa")));
        AlertIntakeResult second = await intake.DeliverAsync(GroupWithKey("{}:{alertname=\"B\"}", Firing("aaaa")));

        Assert.NotEqual(first.Incident, second.Incident);
        Assert.Equal(2, (await intake.AllIncidentsAsync()).Count);
    }
    [Theory, OnEveryDatabase]
    public async Task An_alert_firing_again_seconds_after_its_incident_resolved_says_how_many_seconds(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertSignal a = Firing("aaaa");
        await intake.DeliverAsync(Group(a));
        await intake.DeliverAsync(Group(a.Resolved(_time.GetUtcNow())));

        _time.Advance(TimeSpan.FromSeconds(40));
        AlertIntakeResult again = await intake.DeliverAsync(Group(Firing("aaaa", StartsAt.AddMinutes(2))));

        Incident incident = await intake.LoadAsync(again.Incident);
        Assert.Equal(AlertIntakeOutcome.Reopened, again.Outcome);
        Assert.Equal("Reopened: KubePodCrashLooping fired again 40 s after the incident was resolved", incident.Timeline.Single(e => e.Kind == TimelineEntryKind.Reopened).Text);
    }

    [Theory, OnEveryDatabase]
    public async Task An_incident_reopening_again_within_the_flapping_window_says_it_is_flapping_and_counts_the_times(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertSignal a = Firing("aaaa");
        AlertIntakeResult opened = await intake.DeliverAsync(Group(a));
        for (int cycle = 1; cycle <= 3; cycle++)
        {
            await intake.DeliverAsync(Group(a.Resolved(_time.GetUtcNow())));
            _time.Advance(TimeSpan.FromSeconds(40));
            a = Firing("aaaa", _time.GetUtcNow());
            await intake.DeliverAsync(Group(a));
            _time.Advance(TimeSpan.FromMinutes(2));
        }

        Incident incident = await intake.LoadAsync(opened.Incident);
        Assert.Equal(
            [
                "Reopened: KubePodCrashLooping fired again 40 s after the incident was resolved",
                "Reopened: flapping: KubePodCrashLooping fired again 40 s after resolving, 2nd time in 10 min",
                "Reopened: flapping: KubePodCrashLooping fired again 40 s after resolving, 3rd time in 10 min",
            ],
            incident.Timeline.Where(e => e.Kind == TimelineEntryKind.Reopened).OrderBy(e => e.Id).Select(e => e.Text));
        DateTimeOffset thirdReopening = incident.Timeline.Where(e => e.Kind == TimelineEntryKind.Reopened).Max(e => e.At);
        Assert.Equal(thirdReopening + TimeSpan.FromMinutes(10), incident.FlappingUntil); // Incidents:FlappingThreshold 3
    }

    [Theory, OnEveryDatabase]
    public async Task With_ChannelForResolvedOnArrival_a_group_that_arrives_resolved_is_told_as_any_other(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time, new IncidentOptions { ChannelForResolvedOnArrival = true });

        AlertIntakeResult result = await intake.DeliverAsync(Group(Firing("aaaa").Resolved(StartsAt.AddMinutes(1))));

        Incident incident = await intake.LoadAsync(result.Incident);
        Assert.Equal((IncidentStatus.Resolved, false), (incident.Status, incident.Quiet));
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineEntryKind.PostmortemDrafted);
        Assert.Equal(1, await PostmortemsAsync(db));
    }

    [Theory, OnEveryDatabase]
    public async Task A_quiet_incident_whose_alert_fires_within_the_reopen_window_reopens_and_is_told_from_then_on(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        var intake = new IntakeHarness(db, _time);
        AlertIntakeResult arrived = await intake.DeliverAsync(Group(Firing("aaaa").Resolved(StartsAt.AddMinutes(1))));

        _time.Advance(TimeSpan.FromMinutes(5));
        AlertIntakeResult again = await intake.DeliverAsync(Group(Firing("aaaa", StartsAt.AddMinutes(4))));

        Incident incident = await intake.LoadAsync(again.Incident);
        Assert.Equal((arrived.Incident, AlertIntakeOutcome.Reopened), (again.Incident, again.Outcome));
        Assert.Equal((IncidentStatus.Triggered, false), (incident.Status, incident.Quiet));
    }

    private static async Task<int> PostmortemsAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await context.Postmortems.CountAsync(TestContext.Current.CancellationToken);
    }
}
