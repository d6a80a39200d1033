using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.Core.Tests.Alerts;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Slos;

/// <summary>An SLO's burn-rate alert opens an incident that keeps the SLO's error budget as read at opening and at resolution.</summary>
public sealed class IncidentSloReadingsTests(PostgresServer postgres)
{
    private static readonly Slo s_checkout = new("checkout", "availability", 99.9, new RawIndicator("r[{{.window}}]"));

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly IPrometheusQueries _prometheus = Substitute.For<IPrometheusQueries>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task The_budget_at_opening_and_at_resolution_is_stored_with_a_timeline_entry_and_the_postmortem_shows_what_the_incident_used(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time, slos: new SloCatalog([s_checkout]));
        IncidentKey key = (await intake.DeliverAsync(Group(BurnRateAlert("slo-page", "page", severity: "info")))).Incident;
        AnswerErrorRatios(period: 0.00045, current: 0.0144);   // 55% of the budget left, burning at 14.4x

        Assert.Equal(1, await TakeDueAsync(db));
        _time.Advance(TimeSpan.FromHours(1));
        await using (IncidentsDbContext context = db.NewContext())
        {
            await new Automation(_time).Incidents(context).ResolveAsync(key, Actor.SlackUser("U1"), null, Ct);
        }
        AnswerErrorRatios(period: 0.000_5234, current: 0.0002);
        Assert.Equal(1, await TakeDueAsync(db));
        Assert.Equal(0, await TakeDueAsync(db));

        Incident incident = await intake.LoadAsync(key);
        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Equal(("checkout-availability", 99.9), (incident.Slo!.SloId, incident.Slo.Objective));
        Assert.Equal(new SloReading(_time.GetUtcNow() - TimeSpan.FromHours(1), 0.55, 14.4, null), Rounded(incident.Slo.AtOpen!));
        Assert.Equal(new SloReading(_time.GetUtcNow(), 0.4766, 0.2, null), Rounded(incident.Slo.AtResolve!));
        Assert.Null(incident.Slo.ReadingDueAt);
        Assert.Equal(
            [
                "SLO checkout-availability at opening: 55% of the 30d error budget left, burn rate 14.4x",
                "SLO checkout-availability at resolution: 47.66% of the 30d error budget left, burn rate 0.2x; the incident used 7.34% of the budget",
            ],
            incident.Timeline.Where(e => e.Kind == TimelineEntryKind.SloBudgetRead).Select(e => e.Text));
        Assert.Equal(
            new PostmortemSlo("checkout-availability", "99.9%", "30d", "55%", "47.66%", "7.34%"),
            PostmortemDocument.From(incident).Slo);
    }

    [Theory, OnEveryDatabase]
    public async Task When_Prometheus_cannot_answer_the_reading_says_budget_unknown_and_why(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time, slos: new SloCatalog([s_checkout]));
        IncidentKey key = (await intake.DeliverAsync(Group(BurnRateAlert("slo-ticket", "ticket", severity: "info")))).Incident;
        _prometheus.QueryAsync(default!, default, Ct).ReturnsForAnyArgs<Task<IReadOnlyList<PrometheusSample>>>(
            _ => throw new PrometheusQueryException("Prometheus at http://127.0.0.1:9 cannot be reached: Connection refused"));

        Assert.Equal(1, await TakeDueAsync(db));

        Incident incident = await intake.LoadAsync(key);
        Assert.Equal(Severity.Sev3, incident.Severity);
        Assert.Equal(
            new SloReading(_time.GetUtcNow(), null, null, "Budget unknown: Prometheus at http://127.0.0.1:9 cannot be reached: Connection refused"),
            incident.Slo!.AtOpen);
        Assert.Equal("budget unknown", incident.Slo.AtOpen!.BudgetText);
        Assert.Contains(
            "SLO checkout-availability at opening: Budget unknown: Prometheus at http://127.0.0.1:9 cannot be reached: Connection refused",
            incident.Timeline.Select(e => e.Text));
    }

    [Theory, OnEveryDatabase]
    public async Task An_alert_of_no_known_slo_opens_an_incident_without_one_and_nothing_is_read(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time, slos: new SloCatalog([s_checkout]));
        IncidentKey key = (await intake.DeliverAsync(Group(Firing("aaaa")))).Incident;

        Assert.Equal(0, await TakeDueAsync(db));

        Assert.Null((await intake.LoadAsync(key)).Slo);
        await _prometheus.DidNotReceiveWithAnyArgs().QueryAsync(default!, default, Ct);
    }

    private async Task<int> TakeDueAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        var budgets = new SloBudgets(new SloCatalog([s_checkout]), _prometheus, _time, NullLogger<SloBudgets>.Instance);
        return await new IncidentSloReadings(context, budgets, _time).TakeDueAsync(Ct);
    }

    private void AnswerErrorRatios(double period, double current) => _prometheus.QueryAsync(default!, default, Ct).ReturnsForAnyArgs(
    [
        new PrometheusSample(new Dictionary<string, string> { ["__name__"] = "slo:sli_error:ratio_rate30d", ["sloth_id"] = s_checkout.Id }, period),
        new PrometheusSample(new Dictionary<string, string> { ["__name__"] = "slo:sli_error:ratio_rate5m", ["sloth_id"] = s_checkout.Id }, current),
    ]);

    private static SloReading Rounded(SloReading reading) =>
        reading with { BudgetRemaining = Math.Round(reading.BudgetRemaining!.Value, 6), BurnRate = Math.Round(reading.BurnRate!.Value, 6) };
}
