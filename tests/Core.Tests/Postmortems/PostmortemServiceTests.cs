using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace ChatOpsIncidents.Core.Tests.Postmortems;

public sealed class PostmortemServiceTests(PostgresServer postgres)
{
    private const string Commander = "UCMDR";
    private static readonly Actor s_alice = Actor.SlackUser("UALICE", "alice");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(IncidentKey Key, DateTimeOffset ResolvedAt)> ResolvedIncidentAsync(TestDb db, Automation automation, string? commander = Commander)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentService incidents = automation.Incidents(context);
        IncidentKey key = (await incidents.DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev2, "checkout", Commander: commander), s_alice, Ct)).Incident!.Key;
        _time.Advance(TimeSpan.FromMinutes(20));
        await incidents.ResolveAsync(key, s_alice, "rolled back", Ct);
        return (key, _time.GetUtcNow());
    }

    private static async Task<bool> RemindAsync(TestDb db, Automation automation, IncidentKey key)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await automation.DueWork(context).FireDueAsync(PostmortemReminders.KindName, key.ToString(), Ct);
    }

    private static async Task<List<TimelineEntry>> EntriesAsync(TestDb db, IncidentKey key)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await context.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == key.Number).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    [Theory, OnEveryDatabase]
    public async Task Resolving_drafts_the_postmortem_and_reminds_the_commander_at_24_and_48_hours_then_reports_it_overdue_at_72(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time);
        (IncidentKey key, DateTimeOffset resolvedAt) = await ResolvedIncidentAsync(db, automation);
        await automation.Scheduler.Received(1).ScheduleAsync(PostmortemReminders.KindName, key.ToString(), resolvedAt.AddHours(24), Arg.Any<CancellationToken>());

        _time.SetUtcNow(resolvedAt.AddHours(24).AddSeconds(-1));
        Assert.False(await RemindAsync(db, automation, key));
        _time.SetUtcNow(resolvedAt.AddHours(24));
        Assert.True(await RemindAsync(db, automation, key));
        await automation.Scheduler.Received(1).ScheduleAsync(PostmortemReminders.KindName, key.ToString(), resolvedAt.AddHours(48), Arg.Any<CancellationToken>());
        _time.SetUtcNow(resolvedAt.AddHours(48));
        Assert.True(await RemindAsync(db, automation, key));
        await automation.Scheduler.Received(1).ScheduleAsync(PostmortemReminders.KindName, key.ToString(), resolvedAt.AddHours(72), Arg.Any<CancellationToken>());
        _time.SetUtcNow(resolvedAt.AddHours(72));
        Assert.True(await RemindAsync(db, automation, key));
        _time.Advance(TimeSpan.FromDays(7));
        Assert.False(await RemindAsync(db, automation, key));

        List<TimelineEntry> chase = [.. (await EntriesAsync(db, key)).Where(e => e.Kind >= TimelineEntryKind.PostmortemDrafted)];
        Assert.Equal(
            [TimelineEntryKind.PostmortemDrafted, TimelineEntryKind.PostmortemReminder, TimelineEntryKind.PostmortemReminder, TimelineEntryKind.PostmortemOverdue],
            chase.Select(e => e.Kind));
        Assert.Equal([resolvedAt, resolvedAt.AddHours(24), resolvedAt.AddHours(48), resolvedAt.AddHours(72)], chase.Select(e => e.At));
        Assert.All(chase, e => Assert.Equal([Commander], e.RecipientIds));
        Assert.Equal("The postmortem of INC-1 is overdue: resolved 72 h ago and not marked done", chase[^1].Text);
    }

    [Fact]
    public async Task Without_a_commander_the_person_who_resolved_it_is_reminded()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        (IncidentKey key, _) = await ResolvedIncidentAsync(db, new Automation(_time), commander: null);

        Assert.Equal(["UALICE"], (await EntriesAsync(db, key)).Single(e => e.Kind == TimelineEntryKind.PostmortemDrafted).RecipientIds);
    }

    [Theory, OnEveryDatabase]
    public async Task Marking_the_postmortem_done_stops_the_reminders_and_a_second_time_is_refused(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time);
        (IncidentKey key, DateTimeOffset resolvedAt) = await ResolvedIncidentAsync(db, automation);
        _time.Advance(TimeSpan.FromHours(30));

        await using IncidentsDbContext context = db.NewContext();
        IncidentCommandResult done = await automation.Incidents(context).CompletePostmortemAsync(key, "https://wiki.example/pm/inc-1", s_alice, Ct);
        await using IncidentsDbContext again = db.NewContext();
        IncidentCommandResult twice = await automation.Incidents(again).CompletePostmortemAsync(key, "https://wiki.example/pm/other", s_alice, Ct);

        Assert.True(done.Succeeded);
        Assert.Equal(IncidentErrorKind.InvalidTransition, twice.Error?.Kind);
        await automation.Scheduler.Received(1).CancelAsync(PostmortemReminders.KindName, key.ToString(), Arg.Any<CancellationToken>());
        _time.SetUtcNow(resolvedAt.AddHours(100));
        Assert.False(await RemindAsync(db, automation, key));
        await using IncidentsDbContext check = db.NewContext();
        Postmortem stored = await check.Postmortems.SingleAsync(p => p.IncidentId == key.Number, Ct);
        Assert.Equal(("https://wiki.example/pm/inc-1", resolvedAt.AddHours(30)), (stored.Link, stored.CompletedAt));
        Assert.Equal(TimelineEntryKind.PostmortemCompleted, (await EntriesAsync(db, key))[^1].Kind);
    }

    [Theory, OnEveryDatabase]
    public async Task Resolving_as_noise_drafts_no_postmortem_and_the_timeline_says_why(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time);
        await using IncidentsDbContext context = db.NewContext();
        IncidentService incidents = automation.Incidents(context);
        IncidentKey key = (await incidents.DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev2, "checkout", Commander: Commander), s_alice, Ct)).Incident!.Key;
        _time.Advance(TimeSpan.FromMinutes(20));

        Assert.True((await incidents.ResolveAsNoiseAsync(key, s_alice, "fires on every deploy", Ct)).Succeeded);

        await using IncidentsDbContext check = db.NewContext();
        Assert.False(await check.Postmortems.AnyAsync(p => p.IncidentId == key.Number, Ct));
        await automation.Scheduler.DidNotReceive().ScheduleAsync(PostmortemReminders.KindName, Arg.Any<string>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
        List<TimelineEntry> entries = await EntriesAsync(db, key);
        Assert.Equal(
            [TimelineEntryKind.Resolved, TimelineEntryKind.MarkedNoise, TimelineEntryKind.PostmortemNotNeeded],
            entries.Where(e => e.Kind is TimelineEntryKind.Resolved or TimelineEntryKind.MarkedNoise or TimelineEntryKind.PostmortemDrafted or TimelineEntryKind.PostmortemNotNeeded)
                .Select(e => e.Kind));
        Assert.Equal("No postmortem is asked for: the incident was marked not actionable (noise)", entries[^1].Text);
    }

    [Theory, OnEveryDatabase]
    public async Task Marking_an_incident_its_alerts_resolved_as_noise_withdraws_its_draft_and_stops_its_reminders(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time);
        (IncidentKey key, DateTimeOffset resolvedAt) = await ResolvedIncidentAsync(db, automation);
        _time.Advance(TimeSpan.FromHours(2));

        await using (IncidentsDbContext context = db.NewContext())
        {
            Assert.True((await automation.Incidents(context).ResolveAsNoiseAsync(key, s_alice, null, Ct)).Succeeded);
        }

        await automation.Scheduler.Received(1).CancelAsync(PostmortemReminders.KindName, key.ToString(), Arg.Any<CancellationToken>());
        _time.SetUtcNow(resolvedAt.AddHours(24));
        Assert.False(await RemindAsync(db, automation, key));
        await using IncidentsDbContext check = db.NewContext();
        Assert.False(await check.Postmortems.AnyAsync(p => p.IncidentId == key.Number, Ct));
        List<TimelineEntry> entries = await EntriesAsync(db, key);
        Assert.DoesNotContain(entries, e => e.Kind is TimelineEntryKind.PostmortemReminder or TimelineEntryKind.PostmortemOverdue);
        Assert.Equal((TimelineEntryKind.PostmortemNotNeeded, "No postmortem is asked for: the incident was marked not actionable (noise); its draft and reminders are withdrawn"),
            (entries[^1].Kind, entries[^1].Text));
    }

    [Fact]
    public async Task An_open_incident_has_no_postmortem_to_mark_done()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        var automation = new Automation(_time);
        await using IncidentsDbContext context = db.NewContext();
        IncidentService incidents = automation.Incidents(context);
        IncidentKey key = (await incidents.DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev2), s_alice, Ct)).Incident!.Key;

        IncidentCommandResult result = await incidents.CompletePostmortemAsync(key, "https://wiki.example/pm", s_alice, Ct);

        Assert.Equal("INC-1 has no postmortem yet: it is drafted when the incident is resolved.", result.Error?.Message);
    }

    [Fact]
    public async Task The_safety_net_sends_a_lost_reminder()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        var automation = new Automation(_time);
        (IncidentKey key, DateTimeOffset resolvedAt) = await ResolvedIncidentAsync(db, automation);
        _time.SetUtcNow(resolvedAt.AddHours(24).AddMinutes(2));

        await using IncidentsDbContext context = db.NewContext();
        Assert.Equal(1, await automation.DueWork(context).FireOverdueAsync(Ct));

        Assert.Single(await EntriesAsync(db, key), e => e.Kind == TimelineEntryKind.PostmortemReminder);
    }
}
