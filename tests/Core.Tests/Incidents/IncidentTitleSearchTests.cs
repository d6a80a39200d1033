using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Core.Tests.Incidents;

/// <summary>
/// Title search through each database's trigram index: what is typed is text, never a pattern, and short text still matches; with
/// the other filters and paging, it lists and counts only the incidents that match them all.
/// </summary>
public sealed class IncidentTitleSearchTests(PostgresServer postgres)
{
    private static readonly Actor s_alice = Actor.SlackUser("UALICE", "alice");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task Wildcards_and_quotes_are_searched_as_text_and_text_under_three_characters_still_matches(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey full = await DeclareAsync(db, "CPU at 100% on node_7 \"hot\"");
        IncidentKey similar = await DeclareAsync(db, "CPU at 1000 on node-7");
        await DeclareAsync(db, "Disk is slow");
        await using IncidentsDbContext context = db.NewContext();
        var queries = new IncidentQueries(context);

        Assert.Equal([full], await KeysAsync(queries, "100%"));
        Assert.Equal([full], await KeysAsync(queries, "NODE_7"));
        Assert.Equal([full], await KeysAsync(queries, "\"hot\""));
        Assert.Equal([similar, full], await KeysAsync(queries, "cp"));
        Assert.Empty(await KeysAsync(queries, "10%0"));
    }

    [Theory, OnEveryDatabase]
    public async Task Text_service_and_paging_apply_together_counting_every_match_of_both(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey oldest = await DeclareAsync(db, "Checkout latency high", "checkout");
        await DeclareAsync(db, "Search latency high", "search");
        await DeclareAsync(db, "Disk full", "checkout");
        IncidentKey middle = await DeclareAsync(db, "p99 LATENCY over 2 s", "checkout");
        await DeclareAsync(db, "latency spike", null);
        IncidentKey newest = await DeclareAsync(db, "Latency again", "checkout");
        await DeclareAsync(db, "Error rate", "checkout");
        await using IncidentsDbContext context = db.NewContext();
        var queries = new IncidentQueries(context);

        IncidentPage first = await queries.ListAsync(new IncidentFilter(Service: "checkout", TitleContains: "latency", PageSize: 2), Ct);
        IncidentPage second = await queries.ListAsync(new IncidentFilter(Service: "checkout", TitleContains: "latency", Page: 2, PageSize: 2), Ct);

        Assert.Equal([newest, middle], first.Items.Select(i => i.Key));
        Assert.Equal([oldest], second.Items.Select(i => i.Key));
        Assert.Equal(3, first.Total);
        Assert.Equal(3, second.Total);
    }

    private static async Task<IEnumerable<IncidentKey>> KeysAsync(IncidentQueries queries, string text) =>
        (await queries.ListAsync(new IncidentFilter(TitleContains: text), Ct)).Items.Select(i => i.Key);

    private async Task<IncidentKey> DeclareAsync(TestDb db, string title, string? service = null)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentCommandResult declared = await new Automation(_time).Incidents(context).DeclareAsync(new DeclaredIncident(title, Severity.Sev3, service), s_alice, Ct);
        return declared.Incident!.Key;
    }
}
