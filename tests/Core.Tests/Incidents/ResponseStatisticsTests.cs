using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Core.Tests.Incidents;

/// <summary>MTTA and MTTR as the database sums them: by group, and per period of the dashboard's charts.</summary>
public sealed class ResponseStatisticsTests(PostgresServer postgres)
{
    private static readonly Actor s_alice = Actor.SlackUser("UALICE", "alice");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task Means_count_only_incidents_that_reached_the_state_and_groups_are_by_service(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        DateTimeOffset t0 = _time.GetUtcNow();
        IncidentKey checkoutDown = await DeclareAsync(db, "checkout", Severity.Sev1);
        IncidentKey checkoutSlow = await DeclareAsync(db, "checkout", Severity.Sev2);
        IncidentKey noService = await DeclareAsync(db, null, Severity.Sev1);
        await AtAsync(db, t0.AddMinutes(2), incidents => incidents.AcknowledgeAsync(checkoutDown, s_alice, Ct));
        await AtAsync(db, t0.AddMinutes(4), incidents => incidents.AcknowledgeAsync(checkoutSlow, s_alice, Ct));
        await AtAsync(db, t0.AddMinutes(10), incidents => incidents.AcknowledgeAsync(noService, s_alice, Ct));
        await AtAsync(db, t0.AddMinutes(30), incidents => incidents.ResolveAsync(checkoutDown, s_alice, null, Ct));
        await AtAsync(db, t0.AddMinutes(60), incidents => incidents.ResolveAsync(noService, s_alice, null, Ct));

        IReadOnlyList<ResponseStatistics> byService = await ComputeAsync(db, t0, StatisticsGrouping.Service);

        Assert.Equal(
            [
                new ResponseStatistics(ResponseStatistics.NoService, 1, 1, 1, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(60)),
                new ResponseStatistics("checkout", 2, 2, 1, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(30)),
            ],
            byService);
    }

    [Theory, OnEveryDatabase]
    public async Task Grouping_by_severity_uses_the_SEV_names(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        DateTimeOffset t0 = _time.GetUtcNow();
        IncidentKey sev2 = await DeclareAsync(db, "a", Severity.Sev2);
        IncidentKey sev1 = await DeclareAsync(db, "b", Severity.Sev1);
        IncidentKey otherSev1 = await DeclareAsync(db, "c", Severity.Sev1);
        await AtAsync(db, t0.AddMinutes(1), incidents => incidents.AcknowledgeAsync(sev2, s_alice, Ct));
        await AtAsync(db, t0.AddMinutes(3), incidents => incidents.AcknowledgeAsync(sev1, s_alice, Ct));
        await AtAsync(db, t0.AddMinutes(5), incidents => incidents.AcknowledgeAsync(otherSev1, s_alice, Ct));

        IReadOnlyList<ResponseStatistics> bySeverity = await ComputeAsync(db, t0, StatisticsGrouping.Severity);

        Assert.Equal(["SEV1", "SEV2"], bySeverity.Select(s => s.Group));
        Assert.Equal(TimeSpan.FromMinutes(4), bySeverity[0].MeanTimeToAcknowledge);
    }

    [Theory, OnEveryDatabase]
    public async Task An_incident_with_no_acknowledgement_has_no_mean_time_to_acknowledge(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        DateTimeOffset t0 = _time.GetUtcNow();
        await DeclareAsync(db, "a", Severity.Sev3);

        ResponseStatistics all = Assert.Single(await ComputeAsync(db, t0, StatisticsGrouping.All));

        Assert.Equal(new ResponseStatistics("all", 1, 0, 0, null, null), all);
    }

    [Theory, OnEveryDatabase]
    public async Task Periods_count_whole_lengths_from_the_start_and_leave_out_the_end(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        DateTimeOffset from = _time.GetUtcNow();
        await DeclareAsync(db, "a", Severity.Sev1);
        _time.SetUtcNow(from.AddDays(7).AddTicks(-10)); // the last microsecond of the first week
        IncidentKey endOfFirstWeek = await DeclareAsync(db, "a", Severity.Sev1);
        await AtAsync(db, from.AddDays(7).AddMinutes(5), incidents => incidents.AcknowledgeAsync(endOfFirstWeek, s_alice, Ct));
        await DeclareAsync(db, "b", Severity.Sev2); // the second week
        _time.SetUtcNow(from.AddDays(14));
        await DeclareAsync(db, "a", Severity.Sev1); // at the end, left out
        await using IncidentsDbContext context = db.NewContext();

        IReadOnlyList<PeriodStatistics> perWeek = await new IncidentStatisticsService(context)
            .PerPeriodAsync(from, from.AddDays(14), TimeSpan.FromDays(7), StatisticsGrouping.Service, Ct);

        Assert.Equal(
            [
                new PeriodStatistics(0, new ResponseStatistics("a", 2, 1, 0, TimeSpan.FromMinutes(5).Add(TimeSpan.FromTicks(10)), null)),
                new PeriodStatistics(1, new ResponseStatistics("b", 1, 0, 0, null, null)),
            ],
            perWeek);
    }

    [Theory, OnEveryDatabase]
    public async Task One_pass_gives_each_day_by_severity_and_each_week_by_service_as_the_sum_of_its_days(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var from = new DateTimeOffset(_time.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero); // a UTC midnight, as the dashboard's days start
        _time.SetUtcNow(from);
        IncidentKey firstDay = await DeclareAsync(db, "a", Severity.Sev1);
        await AtAsync(db, from.AddMinutes(4), incidents => incidents.AcknowledgeAsync(firstDay, s_alice, Ct));
        _time.SetUtcNow(from.AddDays(1));
        IncidentKey secondDay = await DeclareAsync(db, "a", Severity.Sev2);
        await AtAsync(db, from.AddDays(1).AddMinutes(2), incidents => incidents.AcknowledgeAsync(secondDay, s_alice, Ct));
        await AtAsync(db, from.AddDays(1).AddMinutes(30), incidents => incidents.ResolveAsync(secondDay, s_alice, null, Ct));
        _time.SetUtcNow(from.AddDays(8));
        await DeclareAsync(db, "b", Severity.Sev1); // the second week
        await using IncidentsDbContext context = db.NewContext();

        DailyAndWeeklyStatistics statistics = await new IncidentStatisticsService(context)
            .PerDayAndWeekAsync(from, from.AddDays(14), StatisticsGrouping.Service, Ct);

        Assert.Equal(
            [
                new PeriodStatistics(0, new ResponseStatistics("SEV1", 1, 1, 0, TimeSpan.FromMinutes(4), null)),
                new PeriodStatistics(1, new ResponseStatistics("SEV2", 1, 1, 1, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30))),
                new PeriodStatistics(8, new ResponseStatistics("SEV1", 1, 0, 0, null, null)),
            ],
            statistics.PerDay);
        Assert.Equal(
            [
                new PeriodStatistics(0, new ResponseStatistics("a", 2, 2, 1, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(30))),
                new PeriodStatistics(1, new ResponseStatistics("b", 1, 0, 0, null, null)),
            ],
            statistics.PerWeek);
    }

    private async Task<IncidentKey> DeclareAsync(TestDb db, string? service, Severity severity)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentCommandResult declared = await new Automation(_time).Incidents(context)
            .DeclareAsync(new DeclaredIncident("Checkout is down", severity, service), s_alice, Ct);
        return declared.Incident!.Key;
    }

    private async Task AtAsync(TestDb db, DateTimeOffset at, Func<IncidentService, Task<IncidentCommandResult>> command)
    {
        _time.SetUtcNow(at);
        await using IncidentsDbContext context = db.NewContext();
        Assert.True((await command(new Automation(_time).Incidents(context))).Succeeded);
    }

    private static async Task<IReadOnlyList<ResponseStatistics>> ComputeAsync(TestDb db, DateTimeOffset from, StatisticsGrouping grouping)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await new IncidentStatisticsService(context).ComputeAsync(from, from.AddDays(1), grouping, Ct);
    }
}
