using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.OnCall;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Escalation;

public sealed class EscalationServiceTests(PostgresServer postgres)
{
    private const string OnCallUser = "UALICE";
    private const string Lead = "UBOB";
    private static readonly Actor s_carol = Actor.SlackUser("UCAROL", "carol");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OnCallOptions OnCall(DateOnly start) => new()
    {
        Schedules = { ["primary"] = new OnCallSchedule { Layers = [new OnCallLayer { Participants = [OnCallUser], StartDate = start, HandoffTime = new TimeOnly(0, 0) }] } },
    };

    /// <summary>SEV1: the primary on-call, 5 minutes later the lead, then the lead once more after 10 minutes.</summary>
    private static EscalationOptions Sev1Policy() => new()
    {
        Policies =
        [
            new EscalationPolicy
            {
                Name = "sev1",
                Severities = [Severity.Sev1],
                Steps = [new EscalationStep { Schedules = ["primary"], WaitMinutes = 5 }, new EscalationStep { Users = [Lead], WaitMinutes = 10 }],
                RepeatLastStep = 1,
            },
        ],
    };

    private Automation Staffed() => new(_time, Sev1Policy(), OnCall(new DateOnly(2026, 1, 1)));

    private static async Task<IncidentKey> DeclareAsync(TestDb db, Automation automation, Severity severity = Severity.Sev1)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentCommandResult declared = await automation.Incidents(context)
            .DeclareAsync(new DeclaredIncident("Checkout is down", severity, "checkout"), s_carol, Ct);
        return declared.Incident!.Key;
    }

    private static async Task<bool> FireAsync(TestDb db, Automation automation, IncidentKey key)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await automation.DueWork(context).FireDueAsync(EscalationSteps.KindName, key.ToString(), Ct);
    }

    private static async Task<List<TimelineEntry>> EntriesAsync(TestDb db, IncidentKey key, params TimelineEntryKind[] kinds)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await context.TimelineEntries.AsNoTracking()
            .Where(e => e.IncidentId == key.Number && kinds.Contains(e.Kind)).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    [Theory, OnEveryDatabase]
    public async Task An_unacknowledged_SEV1_notifies_each_step_when_it_is_due_and_no_earlier(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = Staffed();
        DateTimeOffset opened = _time.GetUtcNow();
        IncidentKey key = await DeclareAsync(db, automation);
        await automation.Scheduler.Received(1).ScheduleAsync(EscalationSteps.KindName, key.ToString(), opened, Arg.Any<CancellationToken>());

        Assert.True(await FireAsync(db, automation, key));
        await automation.Scheduler.Received(1).ScheduleAsync(EscalationSteps.KindName, key.ToString(), opened.AddMinutes(5), Arg.Any<CancellationToken>());
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(await FireAsync(db, automation, key));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await FireAsync(db, automation, key));
        await automation.Scheduler.Received(1).ScheduleAsync(EscalationSteps.KindName, key.ToString(), opened.AddMinutes(15), Arg.Any<CancellationToken>());
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await FireAsync(db, automation, key));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(await FireAsync(db, automation, key));

        List<TimelineEntry> steps = await EntriesAsync(db, key, TimelineEntryKind.EscalationStep);
        Assert.Equal([[OnCallUser], [Lead], [Lead]], steps.Select(e => e.RecipientIds.ToArray()));
        Assert.Equal([opened, opened.AddMinutes(5), opened.AddMinutes(15)], steps.Select(e => e.At));
        Assert.Equal([opened, opened.AddMinutes(5), opened.AddMinutes(15)], steps.Select(e => e.DueAt!.Value));
        Assert.Contains("step 2 of 2 (sev1), repeat 1 of 1", steps[2].Text, StringComparison.Ordinal);
        await automation.Scheduler.Received(1).CancelAsync(EscalationSteps.KindName, key.ToString(), Arg.Any<CancellationToken>());
        await using IncidentsDbContext context = db.NewContext();
        List<Page> pages = await context.Pages.AsNoTracking().Where(p => p.IncidentId == key.Number).OrderBy(p => p.Id).ToListAsync(Ct);
        Assert.Equal(steps.Select(e => (e.RecipientIds[0], e.DueAt!.Value, e.Text)), pages.Select(p => (p.Recipient, p.DueAt, p.Step)));
        Assert.All(pages, page => Assert.Null(page.Outcome));
    }

    [Theory, OnEveryDatabase]
    public async Task Acknowledging_stops_the_escalation_at_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = Staffed();
        IncidentKey key = await DeclareAsync(db, automation);
        await FireAsync(db, automation, key);
        _time.Advance(TimeSpan.FromMinutes(2));

        await using (IncidentsDbContext context = db.NewContext())
        {
            Assert.True((await automation.Incidents(context).AcknowledgeAsync(key, s_carol, Ct)).Succeeded);
        }
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.False(await FireAsync(db, automation, key));
        Assert.Single(await EntriesAsync(db, key, TimelineEntryKind.EscalationStep));
        await automation.Scheduler.Received(1).CancelAsync(EscalationSteps.KindName, key.ToString(), Arg.Any<CancellationToken>());
        await using IncidentsDbContext check = db.NewContext();
        Assert.Null((await check.Escalations.SingleAsync(e => e.IncidentId == key.Number, Ct)).DueAt);
    }

    [Theory, OnEveryDatabase]
    public async Task By_default_a_person_assigning_the_incident_stops_its_escalation_and_says_who(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = Staffed();
        IncidentKey key = await DeclareAsync(db, automation);
        await FireAsync(db, automation, key);
        _time.Advance(TimeSpan.FromMinutes(2));

        await using (IncidentsDbContext context = db.NewContext())
        {
            Assert.True((await automation.Incidents(context).AssignAsync(key, "UDAVE", s_carol, Ct)).Succeeded);
        }
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.False(await FireAsync(db, automation, key));
        Assert.Single(await EntriesAsync(db, key, TimelineEntryKind.EscalationStep));
        TimelineEntry stopped = Assert.Single(await EntriesAsync(db, key, TimelineEntryKind.EscalationStopped));
        Assert.Equal(("Escalation stopped: carol is working on the incident", s_carol), (stopped.Text, stopped.Actor));
        await automation.Scheduler.Received(1).CancelAsync(EscalationSteps.KindName, key.ToString(), Arg.Any<CancellationToken>());
    }

    [Theory, OnEveryDatabase]
    public async Task When_only_an_ack_stops_escalation_an_assignment_does_not(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        EscalationOptions options = Sev1Policy();
        options.StopOn = EscalationStop.Acknowledge;
        var automation = new Automation(_time, options, OnCall(new DateOnly(2026, 1, 1)));
        IncidentKey key = await DeclareAsync(db, automation);
        await FireAsync(db, automation, key);

        await using (IncidentsDbContext context = db.NewContext())
        {
            Assert.True((await automation.Incidents(context).SetCommanderAsync(key, "UDAVE", s_carol, Ct)).Succeeded);
        }
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await FireAsync(db, automation, key));
        Assert.Equal(2, (await EntriesAsync(db, key, TimelineEntryKind.EscalationStep)).Count);
        Assert.Empty(await EntriesAsync(db, key, TimelineEntryKind.EscalationStopped));
    }

    [Theory, OnEveryDatabase]
    public async Task An_ack_racing_a_step_leaves_one_consistent_outcome(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = Staffed();
        IncidentKey key = await DeclareAsync(db, automation);
        await FireAsync(db, automation, key);
        _time.Advance(TimeSpan.FromMinutes(5));

        await using IncidentsDbContext ackContext = db.NewContext();
        await Task.WhenAll(
            Task.Run(() => FireAsync(db, automation, key), Ct),
            Task.Run(() => automation.Incidents(ackContext).AcknowledgeAsync(key, s_carol, Ct), Ct));

        List<TimelineEntry> entries = await EntriesAsync(db, key, TimelineEntryKind.EscalationStep, TimelineEntryKind.Acknowledged);
        Assert.Equal(TimelineEntryKind.Acknowledged, entries[^1].Kind);
        Assert.Single(entries, e => e.Kind == TimelineEntryKind.Acknowledged);
        Assert.InRange(entries.Count(e => e.Kind == TimelineEntryKind.EscalationStep), 1, 2);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(await FireAsync(db, automation, key));
    }

    [Fact]
    public async Task A_step_with_nobody_on_call_says_so_and_the_next_step_fires_at_once()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        var automation = new Automation(_time, Sev1Policy(), OnCall(new DateOnly(2026, 12, 1)));
        IncidentKey key = await DeclareAsync(db, automation);

        Assert.True(await FireAsync(db, automation, key));

        List<TimelineEntry> entries = await EntriesAsync(db, key, TimelineEntryKind.EscalationSkipped, TimelineEntryKind.EscalationStep);
        Assert.Equal([TimelineEntryKind.EscalationSkipped, TimelineEntryKind.EscalationStep], entries.Select(e => e.Kind));
        Assert.Contains("nobody on call in primary", entries[0].Text, StringComparison.Ordinal);
        Assert.Equal([Lead], entries[1].RecipientIds);
        Assert.Equal(_time.GetUtcNow(), entries[1].At);
    }

    [Fact]
    public async Task The_on_call_who_declared_and_commands_the_incident_is_not_paged_for_it_and_the_next_step_fires_at_once()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        Automation automation = Staffed();
        IncidentKey key;
        await using (IncidentsDbContext context = db.NewContext())
        {
            IncidentCommandResult declared = await automation.Incidents(context).DeclareAsync(
                new DeclaredIncident("Checkout is down", Severity.Sev1, Commander: OnCallUser), Actor.SlackUser(OnCallUser, "alice"), Ct);
            key = declared.Incident!.Key;
        }

        Assert.True(await FireAsync(db, automation, key));

        List<TimelineEntry> entries = await EntriesAsync(db, key, TimelineEntryKind.EscalationSkipped, TimelineEntryKind.EscalationStep);
        Assert.Equal([TimelineEntryKind.EscalationSkipped, TimelineEntryKind.EscalationStep], entries.Select(e => e.Kind));
        Assert.Contains("everyone it would notify is on the incident already", entries[0].Text, StringComparison.Ordinal);
        Assert.Equal([Lead], entries[1].RecipientIds);
        await using IncidentsDbContext check = db.NewContext();
        Assert.Equal([Lead], await check.Pages.Where(p => p.IncidentId == key.Number).Select(p => p.Recipient).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_outlook_names_the_next_step_when_and_whom_and_is_gone_once_escalation_stops()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        Automation automation = Staffed();
        DateTimeOffset opened = _time.GetUtcNow();
        IncidentKey key = await DeclareAsync(db, automation);
        async Task<EscalationOutlook?> OutlookAsync()
        {
            await using IncidentsDbContext context = db.NewContext();
            var queries = new IncidentQueries(context);
            return automation.Policies.Outlook((await queries.FindAsync(key, Ct))!, await queries.EscalationAsync(key, Ct));
        }

        EscalationOutlook? first = await OutlookAsync();
        await FireAsync(db, automation, key);
        EscalationOutlook? second = await OutlookAsync();
        await using (IncidentsDbContext context = db.NewContext())
        {
            await automation.Incidents(context).AcknowledgeAsync(key, s_carol, Ct);
        }

        Assert.Equivalent(new EscalationOutlook("sev1", 1, 2, opened, [OnCallUser]), first);
        Assert.Equivalent(new EscalationOutlook("sev1", 2, 2, opened.AddMinutes(5), [Lead]), second);
        Assert.Null(await OutlookAsync());
    }

    [Fact]
    public async Task An_incident_no_policy_covers_is_not_escalated()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        Automation automation = Staffed();

        IncidentKey key = await DeclareAsync(db, automation, Severity.Sev3);

        await automation.Scheduler.DidNotReceive().ScheduleAsync(EscalationSteps.KindName, Arg.Any<string>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
        await using IncidentsDbContext context = db.NewContext();
        Assert.False(await context.Escalations.AnyAsync(e => e.IncidentId == key.Number, Ct));
    }

    [Fact]
    public async Task Reopening_a_resolved_incident_escalates_it_again_from_the_first_step()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        Automation automation = Staffed();
        AlertSignal alert = Firing("aaaa");
        IncidentKey key = (await DeliverAsync(db, automation, Group(alert))).Incident;
        await FireAsync(db, automation, key);
        _time.Advance(TimeSpan.FromMinutes(3));
        await DeliverAsync(db, automation, Group(alert.Resolved(_time.GetUtcNow())));
        _time.Advance(TimeSpan.FromMinutes(15));

        AlertIntakeResult reopened = await DeliverAsync(db, automation, Group(Firing("aaaa", _time.GetUtcNow())));
        Assert.Equal(AlertIntakeOutcome.Reopened, reopened.Outcome);
        Assert.True(await FireAsync(db, automation, key));

        List<TimelineEntry> steps = await EntriesAsync(db, key, TimelineEntryKind.EscalationStep);
        Assert.Equal(2, steps.Count);
        Assert.Equal([OnCallUser], steps[1].RecipientIds);
        Assert.Contains("step 1 of 2", steps[1].Text, StringComparison.Ordinal);
    }

    [Theory, OnEveryDatabase]
    public async Task A_reopening_does_not_page_again_whoever_was_paged_less_than_the_repage_interval_ago(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = Staffed();

        IncidentKey key = await PagedResolvedAndReopenedAsync(db, automation, TimeSpan.FromSeconds(40));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await FireAsync(db, automation, key));

        await using IncidentsDbContext context = db.NewContext();
        Assert.Equal([OnCallUser, Lead], await context.Pages.Where(p => p.IncidentId == key.Number).OrderBy(p => p.Id).Select(p => p.Recipient).ToListAsync(Ct));
        List<TimelineEntry> skipped = await EntriesAsync(db, key, TimelineEntryKind.EscalationSkipped);
        Assert.Equal(
            "Escalation step 1 of 2 (sev1): not paging UALICE again (paged under 15 min ago, before the incident reopened); next step in 5 min unless acknowledged",
            Assert.Single(skipped).Text);
    }

    [Fact]
    public async Task A_reopening_pages_again_once_the_repage_interval_has_passed()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        Automation automation = Staffed();

        IncidentKey key = await PagedResolvedAndReopenedAsync(db, automation, TimeSpan.FromMinutes(14));

        await using IncidentsDbContext context = db.NewContext();
        Assert.Equal([OnCallUser, OnCallUser], await context.Pages.Where(p => p.IncidentId == key.Number).Select(p => p.Recipient).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_safety_net_fires_a_step_whose_trigger_was_lost_and_counts_it()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        Automation automation = Staffed();
        IncidentKey key = await DeclareAsync(db, automation);
        await FireAsync(db, automation, key);
        _time.Advance(TimeSpan.FromMinutes(5) + DueWorkService.OverdueAfter);

        await using IncidentsDbContext context = db.NewContext();
        int fired = await automation.DueWork(context).FireOverdueAsync(Ct);

        Assert.Equal(1, fired);
        Assert.Equal(2, (await EntriesAsync(db, key, TimelineEntryKind.EscalationStep)).Count);
        await using IncidentsDbContext again = db.NewContext();
        Assert.Equal(0, await automation.DueWork(again).FireOverdueAsync(Ct));
    }

    /// <summary>An alert's incident pages its first step, resolves a minute later and fires again after <paramref name="resolvedFor"/>; its first step fires again.</summary>
    private async Task<IncidentKey> PagedResolvedAndReopenedAsync(TestDb db, Automation automation, TimeSpan resolvedFor)
    {
        AlertSignal alert = Firing("aaaa");
        IncidentKey key = (await DeliverAsync(db, automation, Group(alert))).Incident;
        await FireAsync(db, automation, key);
        _time.Advance(TimeSpan.FromMinutes(1));
        await DeliverAsync(db, automation, Group(alert.Resolved(_time.GetUtcNow())));
        _time.Advance(resolvedFor);
        await DeliverAsync(db, automation, Group(Firing("aaaa", _time.GetUtcNow())));
        Assert.True(await FireAsync(db, automation, key));
        return key;
    }

    private async Task<AlertIntakeResult> DeliverAsync(TestDb db, Automation automation, AlertGroupSignal group)
    {
        await using IncidentsDbContext context = db.NewContext();
        IOptions<IncidentOptions> options = Options.Create(new IncidentOptions());
        var intake = new AlertIntakeService(context, new AlertClassifier(options, new SloCatalog([])), automation.For(context), options, _time, NullLogger<AlertIntakeService>.Instance);
        return await intake.ReceiveAsync(group, Ct);
    }
}
