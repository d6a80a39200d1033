using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ChatOpsIncidents.Core.Tests.FollowUps;

/// <summary>Follow-ups tracked in an issue tracker: written with the follow-up, created through the due work, once.</summary>
public sealed class FollowUpIssuesTests(PostgresServer postgres)
{
    private const string Text = "Add a canary stage";
    private static readonly Actor s_carol = Actor.SlackUser("UCAROL", "carol");
    private static readonly TrackedIssue s_issue = new("42", "https://github.example.com/acme/shop/issues/42", IsClosed: false);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
    private readonly IFollowUpTracker _tracker = Substitute.For<IFollowUpTracker>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Automation NewAutomation()
    {
        _tracker.Name.Returns("GitHub acme/shop");
        return new Automation(_time, tracker: _tracker);
    }

    private static async Task<(IncidentKey Key, string FollowUp)> AddAsync(TestDb db, Automation automation)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentService incidents = automation.Incidents(context);
        IncidentKey key = (await incidents.DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev3), s_carol, Ct)).Incident!.Key;
        Assert.True((await incidents.AddFollowUpAsync(key, Text, "UALICE", s_carol, Ct)).Succeeded);
        return (key, (await context.FollowUps.SingleAsync(Ct)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<bool> FireAsync(TestDb db, Automation automation, string followUp)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await automation.DueWork(context).FireDueAsync(FollowUpIssues.KindName, followUp, Ct);
    }

    private static async Task<FollowUp> FollowUpAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await context.FollowUps.SingleAsync(Ct);
    }

    private static async Task<List<TimelineEntry>> TrackerEntriesAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await context.TimelineEntries.Where(e => e.Kind == TimelineEntryKind.FollowUpIssue).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    [Theory, OnEveryDatabase]
    public async Task A_follow_up_added_with_a_tracker_is_written_with_it_and_its_issue_is_due_at_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();

        (_, string followUp) = await AddAsync(db, automation);

        FollowUp added = await FollowUpAsync(db);
        Assert.Equal((Text, "UALICE", "UCAROL", "GitHub acme/shop", _time.GetUtcNow()), (added.Text, added.Owner, added.AddedBy, added.Tracker, added.DueAt));
        await automation.Scheduler.Received(1).ScheduleAsync(FollowUpIssues.KindName, followUp, _time.GetUtcNow(), Arg.Any<CancellationToken>());
    }

    [Theory, OnEveryDatabase]
    public async Task Without_a_tracker_a_follow_up_stays_on_the_timeline_only(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time);
        await using IncidentsDbContext context = db.NewContext();
        IncidentService incidents = automation.Incidents(context);
        IncidentKey key = (await incidents.DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev3), s_carol, Ct)).Incident!.Key;

        Assert.True((await incidents.AddFollowUpAsync(key, Text, null, s_carol, Ct)).Succeeded);

        Assert.Equal(0, await context.FollowUps.CountAsync(Ct));
        Assert.Equal(1, await context.TimelineEntries.CountAsync(e => e.Kind == TimelineEntryKind.FollowUpAdded, Ct));
        await automation.Scheduler.DidNotReceive().ScheduleAsync(FollowUpIssues.KindName, Arg.Any<string>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
    }

    [Theory, OnEveryDatabase]
    public async Task The_created_issue_is_kept_told_in_the_channel_and_read_again_on_schedule_until_closed(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        (_, string followUp) = await AddAsync(db, automation);
        _tracker.CreateAsync(Arg.Any<FollowUpIssue>(), Arg.Any<CancellationToken>()).Returns(s_issue);

        Assert.True(await FireAsync(db, automation, followUp));

        await _tracker.Received(1).CreateAsync(new FollowUpIssue(Text, new IncidentKey(1), "Checkout is down", "UALICE"), Arg.Any<CancellationToken>());
        FollowUp created = await FollowUpAsync(db);
        Assert.Equal(("42", s_issue.Url, false, _time.GetUtcNow() + FollowUp.RefreshInterval), (created.IssueKey, created.IssueUrl, created.IsDone, created.DueAt));
        await automation.Scheduler.Received(1).ScheduleAsync(FollowUpIssues.KindName, followUp, _time.GetUtcNow() + FollowUp.RefreshInterval, Arg.Any<CancellationToken>());
        Assert.Equal($"Follow-up \"{Text}\" is tracked in GitHub acme/shop: {s_issue.Url}", Assert.Single(await TrackerEntriesAsync(db)).Text);

        _tracker.IsClosedAsync("42", Arg.Any<CancellationToken>()).Returns(false, true);
        _time.Advance(FollowUp.RefreshInterval);
        Assert.True(await FireAsync(db, automation, followUp));
        Assert.False((await FollowUpAsync(db)).IsDone);
        _time.Advance(FollowUp.RefreshInterval);
        Assert.True(await FireAsync(db, automation, followUp));

        FollowUp done = await FollowUpAsync(db);
        Assert.Equal((true, (DateTimeOffset?)null), (done.IsDone, done.DueAt));
        Assert.Equal($"Follow-up \"{Text}\" is done: its issue {s_issue.Url} was closed", (await TrackerEntriesAsync(db))[^1].Text);
    }

    [Theory, OnEveryDatabase]
    public async Task Replicas_woken_for_the_same_follow_up_at_once_call_the_tracker_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        (_, string followUp) = await AddAsync(db, automation);
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource<TrackedIssue>(TaskCreationOptions.RunContinuationsAsynchronously);
        _tracker.CreateAsync(Arg.Any<FollowUpIssue>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            called.TrySetResult();
            return answer.Task;
        });

        Task<bool> first = FireAsync(db, automation, followUp);
        await called.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        bool second = await FireAsync(db, automation, followUp);
        answer.SetResult(s_issue);

        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.False(second);
        await _tracker.Received(1).CreateAsync(Arg.Any<FollowUpIssue>(), Arg.Any<CancellationToken>());
        Assert.Equal("42", (await FollowUpAsync(db)).IssueKey);
    }

    [Theory, OnEveryDatabase]
    public async Task A_tracker_failing_for_now_is_tried_again_after_its_Retry_After_then_a_growing_backoff_and_only_the_first_failure_is_told(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        (_, string followUp) = await AddAsync(db, automation);
        _tracker.CreateAsync(Arg.Any<FollowUpIssue>(), Arg.Any<CancellationToken>()).Returns(
            Task.FromException<TrackedIssue>(new FollowUpTrackerException("GitHub answered 429", isPermanent: false, TimeSpan.FromMinutes(2))),
            Task.FromException<TrackedIssue>(new FollowUpTrackerException("GitHub answered 503", isPermanent: false)),
            Task.FromException<TrackedIssue>(new FollowUpTrackerException("GitHub answered 503", isPermanent: false)));

        Assert.True(await FireAsync(db, automation, followUp));
        Assert.Equal(_time.GetUtcNow().AddMinutes(2), (await FollowUpAsync(db)).DueAt);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await FireAsync(db, automation, followUp));
        Assert.Equal(_time.GetUtcNow().AddSeconds(60), (await FollowUpAsync(db)).DueAt);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.True(await FireAsync(db, automation, followUp));

        FollowUp kept = await FollowUpAsync(db);
        Assert.Equal((3, "GitHub answered 503", _time.GetUtcNow().AddSeconds(120), (string?)null), (kept.Attempts, kept.LastError, kept.DueAt, kept.IssueKey));
        TimelineEntry told = Assert.Single(await TrackerEntriesAsync(db));
        Assert.Equal("UCAROL", told.Recipients);
        Assert.Equal($"Could not create the issue of follow-up \"{Text}\" in GitHub acme/shop yet (GitHub answered 429); the follow-up is kept and the bot keeps trying", told.Text);
    }

    [Theory, OnEveryDatabase]
    public async Task An_issue_the_tracker_refuses_for_good_is_told_to_whoever_added_the_follow_up_and_not_tried_again(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        (_, string followUp) = await AddAsync(db, automation);
        _tracker.CreateAsync(Arg.Any<FollowUpIssue>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new FollowUpTrackerException("GitHub answered 404", isPermanent: true));

        Assert.True(await FireAsync(db, automation, followUp));
        _time.Advance(TimeSpan.FromDays(1));
        await using (IncidentsDbContext context = db.NewContext())
        {
            Assert.Equal(0, await automation.DueWork(context).FireOverdueAsync(Ct));
        }

        FollowUp refused = await FollowUpAsync(db);
        Assert.Equal((true, (DateTimeOffset?)null, "GitHub answered 404"), (refused.IsRefused, refused.DueAt, refused.LastError));
        Assert.Equal("UCAROL", Assert.Single(await TrackerEntriesAsync(db)).Recipients);
        await _tracker.Received(1).CreateAsync(Arg.Any<FollowUpIssue>(), Arg.Any<CancellationToken>());
    }

    [Theory, OnEveryDatabase]
    public async Task An_attempt_that_never_ended_is_made_again_by_the_safety_net_once_its_hold_is_over(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        Automation automation = NewAutomation();
        (_, string followUp) = await AddAsync(db, automation);
        _tracker.CreateAsync(Arg.Any<FollowUpIssue>(), Arg.Any<CancellationToken>()).Returns(
            Task.FromException<TrackedIssue>(new InvalidOperationException("the bot stopped mid-call")),
            Task.FromResult(s_issue));
        await Assert.ThrowsAsync<InvalidOperationException>(() => FireAsync(db, automation, followUp));
        Assert.Equal(_time.GetUtcNow() + FollowUp.AttemptLease, (await FollowUpAsync(db)).DueAt);

        _time.Advance(FollowUp.AttemptLease + TimeSpan.FromMinutes(1));
        await using (IncidentsDbContext context = db.NewContext())
        {
            Assert.Equal(1, await automation.DueWork(context).FireOverdueAsync(Ct));
        }

        Assert.Equal("42", (await FollowUpAsync(db)).IssueKey);
    }
}
