using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Alerts;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Incidents;

/// <summary>The dashboard's filters beyond the API's: environment, words of the title, an opening window; and the firing alerts per incident.</summary>
public sealed class IncidentListFilterTests(PostgresServer postgres)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    [Theory, OnEveryDatabase]
    public async Task Listing_filters_by_environment_by_title_text_in_any_case_and_by_an_opening_window(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        var intake = new IntakeHarness(db, _time);
        IncidentKey prod = await OpenAsync(intake, "prod", "Checkout Is Down", Firing("p1"));
        _time.Advance(TimeSpan.FromDays(1));
        IncidentKey staging = await OpenAsync(intake, "staging", "Search is slow", Firing("s1"));
        _time.Advance(TimeSpan.FromDays(1));
        IncidentKey laterProd = await OpenAsync(intake, "prod", "Checkout latency high", Firing("l1"));
        await using IncidentsDbContext context = db.NewContext();
        var queries = new IncidentQueries(context);
        DateTimeOffset secondDay = new(2026, 3, 3, 0, 0, 0, TimeSpan.Zero);

        IncidentPage inProd = await queries.ListAsync(new IncidentFilter(Environment: "prod"), ct);
        IncidentPage checkout = await queries.ListAsync(new IncidentFilter(TitleContains: "cHECKOUT"), ct);
        IncidentPage onTheSecondDay = await queries.ListAsync(new IncidentFilter(Since: secondDay, Until: secondDay.AddDays(1)), ct);
        IncidentPage none = await queries.ListAsync(new IncidentFilter(Environment: "staging", TitleContains: "checkout"), ct);

        Assert.Equal([laterProd, prod], inProd.Items.Select(i => i.Key));
        Assert.Equal([laterProd, prod], checkout.Items.Select(i => i.Key));
        Assert.Equal([staging], onTheSecondDay.Items.Select(i => i.Key));
        Assert.Equal(0, none.Total);
    }

    [Theory, OnEveryDatabase]
    public async Task Firing_alerts_are_counted_per_incident_leaving_out_resolved_alerts_and_quiet_incidents(DatabaseProvider provider)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, ct);
        var intake = new IntakeHarness(db, _time);
        AlertSignal resolving = Firing("b2");
        IncidentKey three = await OpenAsync(intake, "prod", "Checkout is down", Firing("a1"), Firing("a2"), Firing("a3"));
        IncidentKey one = await OpenAsync(intake, "prod", "Search is slow", Firing("b1"), resolving);
        await intake.DeliverAsync(GroupOf("prod", "Search is slow", resolving.Resolved(StartsAt.AddMinutes(5))));
        IncidentKey quiet = await OpenAsync(intake, "prod", "Disk is filling", Firing("c1"));
        await intake.DeliverAsync(GroupOf("prod", "Disk is filling", Firing("c1").Resolved(StartsAt.AddMinutes(1))));
        await using IncidentsDbContext context = db.NewContext();

        IReadOnlyDictionary<IncidentKey, int> firing = await new IncidentQueries(context).FiringAlertCountsAsync([three, one, quiet], ct);

        Assert.Equal(new Dictionary<IncidentKey, int> { [three] = 3, [one] = 1 }, firing);
    }

    private static async Task<IncidentKey> OpenAsync(IntakeHarness intake, string environment, string title, params AlertSignal[] alerts) =>
        (await intake.DeliverAsync(GroupOf(environment, title, alerts))).Incident;

    /// <summary>A group of its own per title, its alerts labelled with the environment and summarised by the title.</summary>
    private static AlertGroupSignal GroupOf(string environment, string title, params AlertSignal[] alerts) => GroupWithKey(
        $"{{}}:{{title=\"{title}\"}}",
        [.. alerts.Select(alert => alert with
        {
            Labels = new Dictionary<string, string>(alert.Labels) { ["env"] = environment },
            Annotations = new Dictionary<string, string> { ["summary"] = title },
        })]);
}
