using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Core.Tests.Incidents;

/// <summary>Title search through each database's trigram index: what is typed is text, never a pattern, and short text still matches.</summary>
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

    private static async Task<IEnumerable<IncidentKey>> KeysAsync(IncidentQueries queries, string text) =>
        (await queries.ListAsync(new IncidentFilter(TitleContains: text), Ct)).Items.Select(i => i.Key);

    private async Task<IncidentKey> DeclareAsync(TestDb db, string title)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentCommandResult declared = await new Automation(_time).Incidents(context).DeclareAsync(new DeclaredIncident(title, Severity.Sev3), s_alice, Ct);
        return declared.Incident!.Key;
    }
}
