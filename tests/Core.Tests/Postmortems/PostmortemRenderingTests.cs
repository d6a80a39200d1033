using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ChatOpsIncidents.Core.Tests.Postmortems;

public sealed class PostmortemRenderingTests(PostgresServer postgres)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ExpectedPath(string name) => Path.Combine(AppContext.BaseDirectory, "Postmortems", "Expected", name);

    /// <summary>Declared by alice, acknowledged by bob after 4 min, a runbook and a note, a follow-up for carol, resolved after 42 min.</summary>
    private async Task<IncidentKey> KnownIncidentAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentService incidents = new Automation(_time).Incidents(context);
        Actor alice = Actor.SlackUser("UALICE", "alice");
        Actor bob = Actor.SlackUser("UBOB", "bob");
        var declared = new DeclaredIncident("Checkout returns 502s", Severity.Sev1, "checkout", "Half of all checkout requests fail with 502 since the 09:10 deploy.", "UALICE");
        IncidentKey key = (await incidents.DeclareAsync(declared, alice, Ct)).Incident!.Key;
        _time.Advance(TimeSpan.FromMinutes(4));
        await incidents.AcknowledgeAsync(key, bob, Ct);
        _time.Advance(TimeSpan.FromMinutes(6));
        await incidents.AddNoteAsync(key, "Scaled checkout-api from 3 to 6 replicas: succeeded", Actor.Runbook("scale-deployment") with { Name = "scale-deployment" }, Ct);
        _time.Advance(TimeSpan.FromMinutes(12));
        await incidents.AddNoteAsync(key, "Rolling back to v2.3.1", bob, Ct);
        await incidents.AddFollowUpAsync(key, "Add a canary stage to the checkout deploy", "UCAROL", alice, Ct);
        _time.Advance(TimeSpan.FromMinutes(20));
        await incidents.ResolveAsync(key, bob, "rollback done", Ct);
        return key;
    }

    [Fact]
    public async Task The_draft_of_a_known_incident_matches_the_expected_document()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        IncidentKey key = await KnownIncidentAsync(db);
        await using IncidentsDbContext context = db.NewContext();

        string? draft = await new PostmortemDrafts(new IncidentQueries(context), new FollowUpService(context, new NoFollowUpTracker()), new PostmortemRenderer(Options.Create(new PostmortemOptions()), _time), new NoPeopleDirectory())
            .RenderAsync(key, Ct);

        Assert.Equal(File.ReadAllText(ExpectedPath("INC-1.md")).ReplaceLineEndings("\n"), draft?.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_configured_template_replaces_the_built_in_one()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        IncidentKey key = await KnownIncidentAsync(db);
        string template = Path.Combine(Path.GetTempPath(), $"postmortem-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(template, "{{key}} took {{timeToResolve}}{{ for item in actionItems }}; todo: {{ item.text }} ({{ item.owner }}){{ end }}", Ct);
        try
        {
            await using IncidentsDbContext context = db.NewContext();
            var renderer = new PostmortemRenderer(Options.Create(new PostmortemOptions { TemplatePath = template }), _time);

            string? draft = await new PostmortemDrafts(new IncidentQueries(context), new FollowUpService(context, new NoFollowUpTracker()), renderer, new NoPeopleDirectory()).RenderAsync(key, Ct);

            Assert.Equal("INC-1 took 42 min 0 s; todo: Add a canary stage to the checkout deploy (@UCAROL)", draft);
        }
        finally
        {
            File.Delete(template);
        }
    }

    [Fact]
    public async Task People_the_directory_knows_are_shown_by_name_and_the_others_by_id()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        IncidentKey key = await KnownIncidentAsync(db);
        IPeopleDirectory people = Substitute.For<IPeopleDirectory>();
        people.NamesAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(new Dictionary<string, string> { ["UALICE"] = "Alice Example", ["UCAROL"] = "Carol Example" });
        await using IncidentsDbContext context = db.NewContext();

        string? draft = await new PostmortemDrafts(new IncidentQueries(context), new FollowUpService(context, new NoFollowUpTracker()), new PostmortemRenderer(Options.Create(new PostmortemOptions()), _time), people)
            .RenderAsync(key, Ct);

        Assert.Contains("- 2026-03-02 09:15:00 · Alice Example · Declared SEV1: Checkout returns 502s\n", draft, StringComparison.Ordinal);
        Assert.Contains("- 2026-03-02 09:19:00 · @UBOB · Acknowledged\n", draft, StringComparison.Ordinal);
        Assert.Contains("- Alice Example\n- @UBOB\n", draft, StringComparison.Ordinal);
        Assert.Contains("- [ ] Add a canary stage to the checkout deploy (owner: Carol Example)", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("UALICE", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("UCAROL", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_path_that_does_not_exist_is_refused_at_start_up()
    {
        ValidateOptionsResult result = new PostmortemOptionsValidator().Validate(null, new PostmortemOptions { TemplatePath = "nowhere/postmortem.md" });

        Assert.StartsWith("Postmortems:TemplatePath must name an existing Scriban template file", result.FailureMessage, StringComparison.Ordinal);
    }
}
