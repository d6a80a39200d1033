using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Maintenance;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace ChatOpsIncidents.Core.Tests.Maintenance;

/// <summary>A maintenance window from 2026-12-08 21:00 to 23:00 UTC, announced in the incidents channel.</summary>
public sealed class MaintenanceAnnouncementTests(PostgresServer postgres)
{
    private const string SilenceId = "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static readonly DateTimeOffset s_start = new(2026, 12, 8, 21, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_end = s_start.AddHours(2);
    private readonly ManualTimeProvider _time = new(s_start.AddHours(-3));
    private readonly IDueWorkScheduler _scheduler = Substitute.For<IDueWorkScheduler>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task The_start_and_the_end_are_each_posted_once_when_two_replicas_fire_them(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await AddAsync(db);
        await _scheduler.Received(1).ScheduleAsync(MaintenanceAnnouncements.KindName, SilenceId, s_start, Arg.Any<CancellationToken>());

        MoveTo(s_start);
        Assert.Single(await Task.WhenAll(FireAsync(db), FireAsync(db)), true);
        MoveTo(s_end);
        Assert.Single(await Task.WhenAll(FireAsync(db), FireAsync(db)), true);

        Assert.Equal(
            [
                "🛠 Maintenance started: service=\"checkout\", namespace=\"payments\" · database upgrade (window 5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b)"
                    + " until 2026-12-08T23:00:00+00:00 (by dana)",
                "Maintenance ended: service=\"checkout\", namespace=\"payments\" · database upgrade (window 5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b)"
                    + " (2026-12-08T21:00:00+00:00 to 2026-12-08T23:00:00+00:00)",
            ],
            await PostedAsync(db));
        await using IncidentsDbContext check = db.NewContext();
        Assert.Null((await check.MaintenanceWindows.SingleAsync(Ct)).DueAt);
        Assert.False(await FireAsync(db));
    }

    [Theory, OnEveryDatabase]
    public async Task A_window_cancelled_before_its_start_is_never_announced(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await AddAsync(db);

        await CancelAsync(db, "erin");
        MoveTo(s_end);

        Assert.False(await FireAsync(db));
        await using (IncidentsDbContext context = db.NewContext())
        {
            Assert.Equal(0, await DueWork(context).FireOverdueAsync(Ct));
        }
        Assert.Empty(await PostedAsync(db));
        await _scheduler.Received(1).CancelAsync(MaintenanceAnnouncements.KindName, SilenceId, Arg.Any<CancellationToken>());
    }

    [Theory, OnEveryDatabase]
    public async Task A_window_cancelled_while_under_way_is_announced_as_ended_early_and_not_ended_again(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await AddAsync(db);
        MoveTo(s_start);
        Assert.True(await FireAsync(db));
        MoveTo(s_start.AddMinutes(40));

        await CancelAsync(db, "erin");
        MoveTo(s_end);

        Assert.False(await FireAsync(db));
        Assert.Equal(
            "Maintenance ended early (cancelled by erin): service=\"checkout\", namespace=\"payments\" · database upgrade"
                + " (window 5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b) at 2026-12-08T21:40:00+00:00, planned until 2026-12-08T23:00:00+00:00",
            (await PostedAsync(db))[^1]);
        Assert.Equal(2, (await PostedAsync(db)).Count);
    }

    [Theory, OnEveryDatabase]
    public async Task Two_replicas_taking_on_the_same_window_keep_it_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);

        await Task.WhenAll(AddAsync(db), AddAsync(db));

        await using IncidentsDbContext check = db.NewContext();
        MaintenanceWindow kept = await check.MaintenanceWindows.SingleAsync(Ct);
        Assert.Equal((SilenceId, s_start), (kept.SilenceId, kept.DueAt));
        Assert.Equal([SilenceId], await new MaintenanceWindowService(check, DueWork(check), _time).KeptAsync([SilenceId, "another-window"], Ct));
        await _scheduler.Received(1).ScheduleAsync(MaintenanceAnnouncements.KindName, SilenceId, s_start, Arg.Any<CancellationToken>());
    }

    private void MoveTo(DateTimeOffset at) => _time.Advance(at - _time.GetUtcNow());

    private DueWorkService DueWork(IncidentsDbContext context) => new(
        context, [new MaintenanceAnnouncements(context)], _scheduler, new DueWorkMetrics(new TestMeterFactory()), _time, NullLogger<DueWorkService>.Instance);

    private async Task AddAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        await new MaintenanceWindowService(context, DueWork(context), _time)
            .AddedAsync(SilenceId, "service=\"checkout\", namespace=\"payments\"", "database upgrade", s_start, s_end, "dana", Ct);
    }

    private async Task CancelAsync(TestDb db, string by)
    {
        await using IncidentsDbContext context = db.NewContext();
        await new MaintenanceWindowService(context, DueWork(context), _time).CancelledAsync(SilenceId, by, Ct);
    }

    private async Task<bool> FireAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await DueWork(context).FireDueAsync(MaintenanceAnnouncements.KindName, SilenceId, Ct);
    }

    /// <summary>The texts written for the incidents channel, in order.</summary>
    private static async Task<List<string>> PostedAsync(TestDb db)
    {
        await using IncidentsDbContext check = db.NewContext();
        List<ChannelMessage> messages = await check.ChannelMessages.OrderBy(m => m.Id).ToListAsync(Ct);
        Assert.All(messages, message => Assert.Null(message.Channel));
        return [.. messages.Select(m => m.Text)];
    }
}
