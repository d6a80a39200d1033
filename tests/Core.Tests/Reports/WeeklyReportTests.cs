using System.Globalization;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Reports;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Core.Tests.Alerts;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Reports;

/// <summary>The weekly report, due Mondays at 10:00 Europe/Berlin (09:00 UTC in March), for the week that ended then.</summary>
public sealed class WeeklyReportTests(PostgresServer postgres)
{
    private static readonly Actor s_alice = Actor.SlackUser("UALICE", "alice");
    private static readonly DateTimeOffset s_weekStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_weekEnd = s_weekStart.AddDays(7);
    private readonly ManualTimeProvider _time = new(s_weekStart.AddHours(-1));
    private readonly IDueWorkScheduler _scheduler = Substitute.For<IDueWorkScheduler>();
    private readonly WeeklyReportOptions _options = new() { TimeZone = "Europe/Berlin", Time = new TimeOnly(10, 0) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task The_report_shows_the_weeks_figures_next_to_their_targets(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time);
        Automation automation = intake.Automation;
        await ChangeAsync(db, automation, incidents => incidents.DeclareAsync(new DeclaredIncident("Opened before the week", Severity.Sev3), s_alice, Ct));

        await RespondAsync(db, intake, "KubePodCrashLooping", at: s_weekStart, acknowledgedAfter: 4, resolvedAfter: 10, noise: true);
        await RespondAsync(db, intake, "KubePodCrashLooping", at: s_weekStart.AddHours(1), acknowledgedAfter: 6, resolvedAfter: 20, noise: true);
        await RespondAsync(db, intake, "DiskFull", at: s_weekStart.AddHours(2), acknowledgedAfter: 2, resolvedAfter: 30, noise: false);
        IncidentKey onTime = await DeclareAsync(db, automation, "Checkout is down", at: s_weekStart.AddHours(3), acknowledgedAfter: 10, resolvedAfter: 60);
        await DeclareAsync(db, automation, "Payments time out", at: s_weekStart.AddHours(4), acknowledgedAfter: null, resolvedAfter: 0);
        foreach (RunStatus outcome in new[] { RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Failed })
        {
            await RunAsync(db, onTime, outcome);
        }
        MoveTo(s_weekStart.AddHours(4 + 71));
        await ChangeAsync(db, automation, incidents => incidents.CompletePostmortemAsync(onTime, "https://wiki.example/pm", s_alice, Ct));
        await ScheduleAsync(db);
        MoveTo(s_weekEnd);

        Assert.True(await FireAsync(db));

        await using IncidentsDbContext check = db.NewContext();
        ChannelMessage report = await check.ChannelMessages.SingleAsync(Ct);
        // Every resolved SEV1 and SEV2 incident has a postmortem, except those marked noise (INC-2 and INC-3): INC-4, INC-5 and INC-6.
        Assert.Null(report.Channel);
        Assert.Equal(
            """
            📊 Weekly incident report: Mon 2 Mar 2026 10:00 to Mon 9 Mar 2026 10:00 (Europe/Berlin, UTC+01:00)
            Mean time to acknowledge and to resolve, by severity:
            • SEV1: 3 incidents; acknowledge 4m (target under 5m ✅); resolve 20m
            • SEV2: 2 incidents; acknowledge 10m; resolve 30m
            False positives: 2 (target under 5 ✅)
            Noisiest alerts: KubePodCrashLooping (2 of 2 incidents marked noise)
            Automatic remediation: 3 of 4 runs succeeded, 75 % (target over 80 % ❌)
            Postmortems: 1 of 3 done within 3d (target: all ❌); overdue: INC-4, INC-6
            """,
            report.Text);
        Assert.Equal(s_weekEnd.AddDays(7), (await check.WeeklyReports.SingleAsync(Ct)).DueAt);
    }

    [Theory, OnEveryDatabase]
    public async Task Replicas_woken_for_the_report_at_once_post_it_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await ScheduleAsync(db);
        MoveTo(s_weekStart);

        bool[] fired = await Task.WhenAll(FireAsync(db), FireAsync(db));

        Assert.Single(fired, true);
        await using IncidentsDbContext check = db.NewContext();
        Assert.Equal(1, await check.ChannelMessages.CountAsync(Ct));
        Assert.Equal(s_weekEnd, (await check.WeeklyReports.SingleAsync(Ct)).DueAt);
    }

    [Theory, OnEveryDatabase]
    public async Task A_restart_keeps_a_report_that_fell_due_meanwhile_and_the_overdue_sweep_posts_it(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await ScheduleAsync(db);
        MoveTo(s_weekStart.AddHours(5)); // the bot was down at 09:00 UTC

        await ScheduleAsync(db);
        await using (IncidentsDbContext context = db.NewContext())
        {
            Assert.Equal(1, await DueWork(context).FireOverdueAsync(Ct));
        }

        await using IncidentsDbContext check = db.NewContext();
        Assert.StartsWith("📊 Weekly incident report: Mon 23 Feb 2026 10:00 to Mon 2 Mar 2026 10:00", (await check.ChannelMessages.SingleAsync(Ct)).Text, StringComparison.Ordinal);
        Assert.Equal(s_weekEnd, (await check.WeeklyReports.SingleAsync(Ct)).DueAt);
    }

    [Theory, OnEveryDatabase]
    public async Task Turning_the_report_off_takes_its_due_time_away(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await ScheduleAsync(db);
        _options.Enabled = false;

        await ScheduleAsync(db);

        await using IncidentsDbContext check = db.NewContext();
        Assert.Null((await check.WeeklyReports.SingleAsync(Ct)).DueAt);
        await _scheduler.Received(1).CancelAsync(WeeklyReports.KindName, WeeklyReport.WeeklyName, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Settings_that_cannot_work_stop_the_start_naming_the_key()
    {
        var validator = new WeeklyReportOptionsValidator();

        Assert.True(validator.Validate(null, new WeeklyReportOptions()).Succeeded);
        Assert.Contains("WeeklyReport:TimeZone", validator.Validate(null, new WeeklyReportOptions { TimeZone = "Mars/Olympus" }).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("WeeklyReport:Day", validator.Validate(null, new WeeklyReportOptions { Day = (DayOfWeek)9 }).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("WeeklyReport:Channel", validator.Validate(null, new WeeklyReportOptions { Channel = " " }).FailureMessage, StringComparison.Ordinal);
        var targets = new WeeklyReportTargets { AutomaticRemediationSuccess = 80, TimeToAcknowledge = { [Severity.Sev2] = TimeSpan.Zero } };
        string? failure = validator.Validate(null, new WeeklyReportOptions { Targets = targets }).FailureMessage;
        Assert.Contains("WeeklyReport:Targets:AutomaticRemediationSuccess", failure, StringComparison.Ordinal);
        Assert.Contains("WeeklyReport:Targets:TimeToAcknowledge:Sev2", failure, StringComparison.Ordinal);
    }

    private void MoveTo(DateTimeOffset at) => _time.Advance(at - _time.GetUtcNow());

    /// <summary>An alert of <paramref name="alertName"/> opens a SEV1 incident at <paramref name="at"/>; minutes later it is acknowledged and resolved.</summary>
    private async Task RespondAsync(TestDb db, IntakeHarness intake, string alertName, DateTimeOffset at, int acknowledgedAfter, int resolvedAfter, bool noise)
    {
        MoveTo(at);
        var labels = new Dictionary<string, string> { ["alertname"] = alertName, ["severity"] = "critical" };
        AlertGroupSignal group = GroupWithKey($"{{}}:{{alertname=\"{alertName}\", at=\"{at:O}\"}}", Firing(at.ToString("HHmm", CultureInfo.InvariantCulture)) with { Labels = labels })
            with
        { CommonLabels = labels };
        IncidentKey key = (await intake.DeliverAsync(group)).Incident;
        await RespondAsync(db, intake.Automation, key, at, acknowledgedAfter, resolvedAfter, noise);
    }

    private async Task<IncidentKey> DeclareAsync(TestDb db, Automation automation, string title, DateTimeOffset at, int? acknowledgedAfter, int resolvedAfter)
    {
        MoveTo(at);
        IncidentKey key = default;
        await ChangeAsync(db, automation, async incidents =>
        {
            IncidentCommandResult declared = await incidents.DeclareAsync(new DeclaredIncident(title, Severity.Sev2), s_alice, Ct);
            key = declared.Incident!.Key;
            return declared;
        });
        await RespondAsync(db, automation, key, at, acknowledgedAfter, resolvedAfter, noise: false);
        return key;
    }

    private async Task RespondAsync(TestDb db, Automation automation, IncidentKey key, DateTimeOffset at, int? acknowledgedAfter, int resolvedAfter, bool noise)
    {
        if (acknowledgedAfter is { } minutes)
        {
            MoveTo(at.AddMinutes(minutes));
            await ChangeAsync(db, automation, incidents => incidents.AcknowledgeAsync(key, s_alice, Ct));
        }
        MoveTo(at.AddMinutes(resolvedAfter));
        await ChangeAsync(db, automation, incidents => noise
            ? incidents.ResolveAsNoiseAsync(key, s_alice, "flaps on deploys", Ct)
            : incidents.ResolveAsync(key, s_alice, "rolled back", Ct));
    }

    private static async Task ChangeAsync(TestDb db, Automation automation, Func<IncidentService, Task<IncidentCommandResult>> change)
    {
        await using IncidentsDbContext context = db.NewContext();
        Assert.True((await change(automation.Incidents(context))).Succeeded);
    }

    private async Task RunAsync(TestDb db, IncidentKey key, RunStatus outcome)
    {
        await using IncidentsDbContext context = db.NewContext();
        var runs = new RunbookRuns(context, _time);
        string target = $"checkout-{Guid.NewGuid():N}";
        var start = new RunbookRunStart("restart-deployment", key, target, target, Actor.System, Automatic: true, new Dictionary<string, string>(), ["Restart"], "bot-1");
        RunStartResult started = await runs.StartAsync(start, $"Started on {target}", Ct);
        await runs.UpdateAsync(started.Started!.Id, (run, at) => run.Finish(outcome, null, at), null, Ct);
    }

    private DueWorkService DueWork(IncidentsDbContext context) => new(
        context,
        [new WeeklyReports(context, new IncidentStatisticsService(context), new EveryWeekFrom(s_weekStart), Options.Create(_options))],
        _scheduler,
        new DueWorkMetrics(new TestMeterFactory()),
        _time,
        NullLogger<DueWorkService>.Instance);

    private async Task ScheduleAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        await new WeeklyReportService(context, DueWork(context), new EveryWeekFrom(s_weekStart), Options.Create(_options), _time).ScheduleAsync(Ct);
    }

    private async Task<bool> FireAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await DueWork(context).FireDueAsync(WeeklyReports.KindName, WeeklyReport.WeeklyName, Ct);
    }

    /// <summary>Due every 7 days from <paramref name="anchor"/>: the weekly calendar the host computes with Quartz.</summary>
    private sealed class EveryWeekFrom(DateTimeOffset anchor) : IReportSchedule
    {
        public DateTimeOffset NextAfter(DateTimeOffset after) =>
            anchor.AddDays(7 * (Math.Floor((after - anchor).TotalDays / 7) + 1));
    }
}
