using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Tests.Incidents;

public sealed class IncidentServiceTests(PostgresServer postgres)
{
    private static readonly Actor s_alice = Actor.SlackUser("U024BE7LH", "alice");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private async Task<IncidentKey> DeclareAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentCommandResult declared = await new Automation(_time).Incidents(context)
            .DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev2, "checkout"), s_alice, TestContext.Current.CancellationToken);
        return declared.Incident!.Key;
    }

    /// <summary>Declares <paramref name="count"/> incidents, the clock moving <paramref name="apart"/> after each.</summary>
    private async Task<List<IncidentKey>> DeclareSeveralAsync(TestDb db, int count, TimeSpan apart)
    {
        List<IncidentKey> keys = [];
        for (int i = 0; i < count; i++)
        {
            keys.Add(await DeclareAsync(db));
            _time.Advance(apart);
        }
        return keys;
    }

    private async Task<IncidentCommandResult> RunAsync(TestDb db, Func<IncidentService, Task<IncidentCommandResult>> command)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await command(new Automation(_time).Incidents(context));
    }

    /// <summary>Gives each incident the chat channel named, as the outbox does once Slack created it.</summary>
    private static async Task CreateChannelsAsync(TestDb db, Dictionary<IncidentKey, string> channels)
    {
        await using IncidentsDbContext context = db.NewContext();
        foreach ((IncidentKey key, string channel) in channels)
        {
            (await context.Deliveries.SingleAsync(d => d.IncidentId == key.Number, TestContext.Current.CancellationToken)).ChannelCreated(channel);
        }
        await context.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<Incident> LoadAsync(TestDb db, IncidentKey key)
    {
        await using IncidentsDbContext context = db.NewContext();
        return (await new IncidentQueries(context).FindAsync(key, TestContext.Current.CancellationToken))!;
    }

    [Theory, OnEveryDatabase]
    public async Task Acknowledging_stores_the_time_to_acknowledge_and_who_acknowledged(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        IncidentKey key = await DeclareAsync(db);
        _time.Advance(TimeSpan.FromMinutes(3));

        IncidentCommandResult result = await RunAsync(db, service => service.AcknowledgeAsync(key, s_alice, ct));

        Assert.True(result.Succeeded);
        Incident stored = await LoadAsync(db, key);
        Assert.Equal(IncidentStatus.Acknowledged, stored.Status);
        Assert.Equal(TimeSpan.FromMinutes(3), stored.Times.TimeToAcknowledge);
        Assert.Equal(("U024BE7LH", "alice"), (stored.Timeline[^1].ActorId, stored.Timeline[^1].ActorName));
    }

    [Theory, OnEveryDatabase]
    public async Task A_refused_command_stores_nothing(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        IncidentKey key = await DeclareAsync(db);
        await RunAsync(db, service => service.ResolveAsync(key, s_alice, "fixed", ct));

        IncidentCommandResult result = await RunAsync(db, service => service.AcknowledgeAsync(key, s_alice, ct));

        Assert.Equal(IncidentErrorKind.InvalidTransition, result.Error?.Kind);
        Incident stored = await LoadAsync(db, key);
        Assert.Null(stored.AcknowledgedAt);
        Assert.Equal([TimelineEntryKind.Opened, TimelineEntryKind.Resolved, TimelineEntryKind.PostmortemDrafted], stored.Timeline.Select(e => e.Kind));
    }

    [Theory, OnEveryDatabase]
    public async Task Commands_on_an_unknown_incident_say_it_does_not_exist(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);

        IncidentCommandResult result = await RunAsync(db, service => service.AssignAsync(new IncidentKey(404), "U0BOB", s_alice, ct));

        Assert.Equal(IncidentError.NotFound(new IncidentKey(404)), result.Error);
    }

    [Theory, OnEveryDatabase]
    public async Task Two_people_acknowledging_at_once_leave_one_acknowledgement(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        IncidentKey key = await DeclareAsync(db);

        IncidentCommandResult[] results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => RunAsync(db, service => service.AcknowledgeAsync(key, Actor.SlackUser($"U{i}"), ct)))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(IncidentErrorKind.InvalidTransition, r.Error!.Kind));
        Assert.Single((await LoadAsync(db, key)).Timeline, e => e.Kind == TimelineEntryKind.Acknowledged);
    }

    [Theory, OnEveryDatabase]
    public async Task Notes_severity_and_roles_land_in_the_timeline_in_order(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        IncidentKey key = await DeclareAsync(db);

        await RunAsync(db, service => service.SetCommanderAsync(key, "U0CAROL", s_alice, ct));
        await RunAsync(db, service => service.AssignAsync(key, "U0BOB", s_alice, ct));
        await RunAsync(db, service => service.ChangeSeverityAsync(key, Severity.Sev1, s_alice, ct));
        await RunAsync(db, service => service.AddNoteAsync(key, "rolling back 1.4.2", s_alice, ct));
        IncidentCommandResult empty = await RunAsync(db, service => service.AddNoteAsync(key, "  ", s_alice, ct));

        Assert.Equal(IncidentErrorKind.InvalidInput, empty.Error?.Kind);
        Incident stored = await LoadAsync(db, key);
        Assert.Equal(("U0CAROL", "U0BOB", Severity.Sev1), (stored.Commander, stored.Assignee, stored.Severity));
        Assert.Equal(
            ["Declared SEV2: Checkout is down", "Commander is now U0CAROL", "Assigned to U0BOB", "Severity changed from SEV2 to SEV1", "rolling back 1.4.2"],
            stored.Timeline.Select(e => e.Text));
    }

    [Theory, OnEveryDatabase]
    public async Task Listing_filters_by_status_severity_service_and_time_and_pages_newest_first(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        List<IncidentKey> keys = await DeclareSeveralAsync(db, 5, apart: TimeSpan.FromHours(1));
        await RunAsync(db, service => service.ResolveAsync(keys[0], s_alice, null, ct));
        await RunAsync(db, service => service.ChangeSeverityAsync(keys[4], Severity.Sev1, s_alice, ct));
        await using IncidentsDbContext context = db.NewContext();
        var queries = new IncidentQueries(context);

        IncidentPage open = await queries.ListAsync(new IncidentFilter(Status: IncidentStatus.Triggered, PageSize: 3), ct);
        IncidentPage secondPage = await queries.ListAsync(new IncidentFilter(Status: IncidentStatus.Triggered, Page: 2, PageSize: 3), ct);
        IncidentPage sev1 = await queries.ListAsync(new IncidentFilter(Severity: Severity.Sev1), ct);
        IncidentPage recent = await queries.ListAsync(new IncidentFilter(Since: _time.GetUtcNow().AddHours(-2)), ct);
        IncidentPage otherService = await queries.ListAsync(new IncidentFilter(Service: "search"), ct);

        Assert.Equal(4, open.Total);
        Assert.Equal([keys[4], keys[3], keys[2]], open.Items.Select(i => i.Key));
        Assert.Equal([keys[1]], secondPage.Items.Select(i => i.Key));
        Assert.Equal([keys[4]], sev1.Items.Select(i => i.Key));
        Assert.Equal([keys[4], keys[3]], recent.Items.Select(i => i.Key));
        Assert.Empty(otherService.Items);
    }

    [Theory, OnEveryDatabase]
    public async Task The_open_list_shows_the_most_severe_then_oldest_open_incidents_and_counts_them_all_or_those_a_person_is_on(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        List<IncidentKey> keys = await DeclareSeveralAsync(db, 5, apart: TimeSpan.Zero);
        await RunAsync(db, service => service.ResolveAsync(keys[4], s_alice, null, ct));
        await RunAsync(db, service => service.AcknowledgeAsync(keys[3], s_alice, ct));
        await RunAsync(db, service => service.AssignAsync(keys[1], "U0BOB", s_alice, ct));
        await RunAsync(db, service => service.ChangeSeverityAsync(keys[2], Severity.Sev1, s_alice, ct));
        await using IncidentsDbContext context = db.NewContext();
        var queries = new IncidentQueries(context);

        IncidentPage open = await queries.ListOpenAsync(null, 2, ct);
        IncidentPage bobs = await queries.ListOpenAsync("U0BOB", 2, ct);

        Assert.Equal(4, open.Total);
        Assert.Equal([keys[2], keys[0]], open.Items.Select(i => i.Key));
        Assert.Equal(1, bobs.Total);
        Assert.Equal([keys[1]], bobs.Items.Select(i => i.Key));
    }

    [Theory, OnEveryDatabase]
    public async Task A_listed_page_counts_every_match_and_names_each_listed_incidents_channel_in_one_statement(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        List<IncidentKey> keys = await DeclareSeveralAsync(db, 5, apart: TimeSpan.FromHours(1));
        await RunAsync(db, service => service.ResolveAsync(keys[4], s_alice, null, ct));
        await RunAsync(db, service => service.AcknowledgeAsync(keys[3], s_alice, ct));
        await RunAsync(db, service => service.AssignAsync(keys[1], "U0BOB", s_alice, ct));
        await RunAsync(db, service => service.ChangeSeverityAsync(keys[2], Severity.Sev1, s_alice, ct));
        await CreateChannelsAsync(db, new() { [keys[0]] = "C0ZERO", [keys[2]] = "C0TWO", [keys[3]] = "C0THREE", [keys[4]] = "C0FOUR" });
        var commands = new CountCommands();
        await using IncidentsDbContext context = db.NewContext(commands);
        var queries = new IncidentQueries(context);

        IncidentPage open = await queries.ListOpenAsync(null, 2, ct);
        IncidentPage bobs = await queries.ListOpenAsync("U0BOB", 2, ct);
        IncidentPage triggered = await queries.ListAsync(new IncidentFilter(Status: IncidentStatus.Triggered, PageSize: 2), ct);
        IncidentPage triggeredSecond = await queries.ListAsync(new IncidentFilter(Status: IncidentStatus.Triggered, Page: 2, PageSize: 2), ct);
        int statements = commands.Count;
        IncidentPage pastTheEnd = await queries.ListAsync(new IncidentFilter(Status: IncidentStatus.Triggered, Page: 3, PageSize: 2), ct);

        Assert.Equal(4, statements);
        Assert.Equal([keys[2], keys[0]], open.Items.Select(i => i.Key));
        Assert.Equal(4, open.Total);
        Assert.Equal(new Dictionary<IncidentKey, string> { [keys[2]] = "C0TWO", [keys[0]] = "C0ZERO" }, open.Channels);
        Assert.Equal([keys[1]], bobs.Items.Select(i => i.Key));
        Assert.Equal(1, bobs.Total);
        Assert.Empty(bobs.Channels);
        Assert.Equal([keys[2], keys[1]], triggered.Items.Select(i => i.Key));
        Assert.Equal(3, triggered.Total);
        Assert.Equal(new Dictionary<IncidentKey, string> { [keys[2]] = "C0TWO" }, triggered.Channels);
        Assert.Equal([keys[0]], triggeredSecond.Items.Select(i => i.Key));
        Assert.Equal(3, triggeredSecond.Total);
        Assert.Equal(new Dictionary<IncidentKey, string> { [keys[0]] = "C0ZERO" }, triggeredSecond.Channels);
        Assert.Empty(pastTheEnd.Items);
        Assert.Equal(3, pastTheEnd.Total);
    }

    [Theory, OnEveryDatabase]
    public async Task Statistics_cover_the_incidents_opened_in_the_period(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        DateTimeOffset start = _time.GetUtcNow();
        IncidentKey first = await DeclareAsync(db);
        _time.Advance(TimeSpan.FromMinutes(2));
        await RunAsync(db, service => service.AcknowledgeAsync(first, s_alice, ct));
        _time.Advance(TimeSpan.FromMinutes(8));
        await RunAsync(db, service => service.ResolveAsync(first, s_alice, null, ct));
        _time.Advance(TimeSpan.FromDays(2));
        await DeclareAsync(db); // outside the period below

        await using IncidentsDbContext context = db.NewContext();
        IReadOnlyList<ResponseStatistics> stats = await new IncidentStatisticsService(context)
            .ComputeAsync(start, start.AddDays(1), StatisticsGrouping.Service, ct);

        Assert.Equal([new ResponseStatistics("checkout", 1, 1, 1, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10))], stats);
    }
}
