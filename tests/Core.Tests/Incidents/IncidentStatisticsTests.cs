using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Core.Tests.Incidents;

/// <summary>The dashboard's insights beyond MTTA and MTTR: postmortems done in time, and how automatic runs ended.</summary>
public sealed class IncidentStatisticsTests(PostgresServer postgres)
{
    private static readonly Actor s_alice = Actor.SlackUser("UALICE", "alice");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task Postmortems_count_as_done_in_time_when_completed_within_72_hours_of_the_resolution(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time);
        DateTimeOffset from = _time.GetUtcNow();
        IncidentKey onTime = await ResolvedAsync(db, automation);
        IncidentKey late = await ResolvedAsync(db, automation);
        await ResolvedAsync(db, automation); // never done
        _time.Advance(TimeSpan.FromHours(71));
        await CompleteAsync(db, automation, onTime);
        _time.Advance(TimeSpan.FromHours(2));
        await CompleteAsync(db, automation, late);
        await using IncidentsDbContext context = db.NewContext();

        PostmortemCompletion completion = await new IncidentStatisticsService(context).PostmortemCompletionAsync(from, from.AddDays(1), PostmortemCompletion.Target, Ct);

        Assert.Equal(new PostmortemCompletion(3, 1), completion);
    }

    [Theory, OnEveryDatabase]
    public async Task Automatic_runs_count_as_succeeded_or_failed_with_interrupted_ones_failed_and_running_and_manual_ones_left_out(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time);
        DateTimeOffset from = _time.GetUtcNow();
        IncidentKey key = await ResolvedAsync(db, automation);
        await RunAsync(db, key, "a", automatic: true, RunStatus.Succeeded);
        await RunAsync(db, key, "b", automatic: true, RunStatus.Succeeded);
        await RunAsync(db, key, "c", automatic: true, RunStatus.Failed);
        await RunAsync(db, key, "d", automatic: true, RunStatus.Interrupted);
        await RunAsync(db, key, "e", automatic: true, finishAs: null);
        await RunAsync(db, key, "f", automatic: false, RunStatus.Failed);
        await using IncidentsDbContext context = db.NewContext();

        AutomaticRemediation remediation = await new IncidentStatisticsService(context).AutomaticRemediationAsync(from, from.AddDays(1), Ct);

        Assert.Equal(new AutomaticRemediation(Succeeded: 2, Failed: 2), remediation);
    }

    private static async Task<IncidentKey> ResolvedAsync(TestDb db, Automation automation)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentService incidents = automation.Incidents(context);
        IncidentKey key = (await incidents.DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev2, "checkout"), s_alice, Ct)).Incident!.Key;
        await incidents.ResolveAsync(key, s_alice, "rolled back", Ct);
        return key;
    }

    private static async Task CompleteAsync(TestDb db, Automation automation, IncidentKey key)
    {
        await using IncidentsDbContext context = db.NewContext();
        IncidentCommandResult result = await automation.Incidents(context).CompletePostmortemAsync(key, "https://wiki.example/pm", s_alice, Ct);
        Assert.True(result.Succeeded);
    }

    private async Task RunAsync(TestDb db, IncidentKey key, string target, bool automatic, RunStatus? finishAs)
    {
        await using IncidentsDbContext context = db.NewContext();
        var runs = new RunbookRuns(context, _time);
        var start = new RunbookRunStart("restart-deployment", key, target, target, s_alice, automatic, new Dictionary<string, string>(), ["Restart"], "bot-1");
        RunStartResult started = await runs.StartAsync(start, $"Started on {target}", Ct);
        if (finishAs is { } status)
        {
            await runs.UpdateAsync(started.Started!.Id, (run, at) => run.Finish(status, null, at), null, Ct);
        }
    }
}
