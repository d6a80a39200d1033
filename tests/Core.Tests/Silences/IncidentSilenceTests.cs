using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Silences;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Core.Tests.Silences;

public sealed class IncidentSilenceTests(PostgresServer postgres)
{
    private const string SilenceId = "8a3f1c52-4d1e-4b7a-9c0e-2f6d5b8e7a11";
    private static readonly Actor s_dana = Actor.SlackUser("U0ONCALL1", "dana");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IncidentCommandResult> RunAsync(TestDb db, Func<IncidentService, Task<IncidentCommandResult>> command)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await command(new Automation(_time).Incidents(context));
    }

    private async Task<IncidentKey> DeclareAsync(TestDb db) =>
        (await RunAsync(db, service => service.DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev2), s_dana, Ct))).Incident!.Key;

    private static async Task<Incident> LoadAsync(TestDb db, IncidentKey key)
    {
        await using IncidentsDbContext context = db.NewContext();
        return (await new IncidentQueries(context).FindAsync(key, Ct))!;
    }

    private static async Task<IReadOnlyList<(IncidentKey Incident, string SilenceId)>> ToLiftAsync(TestDb db)
    {
        await using IncidentsDbContext context = db.NewContext();
        return await new SilenceQueries(context).ToLiftAsync(10, Ct);
    }

    [Theory, OnEveryDatabase]
    public async Task A_silence_is_stored_with_its_timeline_entry_and_another_is_refused_while_it_holds(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = await DeclareAsync(db);
        DateTimeOffset until = _time.GetUtcNow().AddHours(4);

        IncidentCommandResult silenced = await RunAsync(db, service => service.RecordSilenceAsync(key, SilenceId, until, untilResolved: false, "deploying checkout", s_dana, Ct));
        IncidentCommandResult again = await RunAsync(db, service => service.RecordSilenceAsync(key, "another", until, untilResolved: false, null, s_dana, Ct));

        Assert.True(silenced.Succeeded);
        Incident stored = await LoadAsync(db, key);
        Assert.Equal((SilenceId, until, false), (stored.SilenceId, stored.SilencedUntil, stored.SilenceUntilResolved));
        TimelineEntry entry = stored.Timeline.Single(e => e.Kind == TimelineEntryKind.Silenced);
        Assert.Equal(($"Silenced in Alertmanager until 2026-03-01 13:00 UTC, silence {SilenceId}: deploying checkout", "U0ONCALL1"), (entry.Text, entry.ActorId));
        Assert.False(again.Succeeded);
        Assert.Contains($"already silenced until 2026-03-01 13:00 UTC (silence {SilenceId})", again.Error!.Message, StringComparison.Ordinal);
    }

    [Theory, OnEveryDatabase]
    public async Task A_silence_that_ended_by_itself_makes_way_for_a_new_one(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = await DeclareAsync(db);
        await RunAsync(db, service => service.RecordSilenceAsync(key, SilenceId, _time.GetUtcNow().AddHours(1), untilResolved: false, null, s_dana, Ct));
        _time.Advance(TimeSpan.FromHours(1));

        IncidentCommandResult again = await RunAsync(db, service => service.RecordSilenceAsync(key, "second", _time.GetUtcNow().AddHours(1), untilResolved: false, null, s_dana, Ct));

        Assert.True(again.Succeeded);
        Assert.Equal("second", (await LoadAsync(db, key)).SilenceId);
    }

    [Theory, OnEveryDatabase]
    public async Task A_resolved_incident_is_not_silenced(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = await DeclareAsync(db);
        await RunAsync(db, service => service.ResolveAsync(key, s_dana, null, Ct));

        IncidentCommandResult silenced = await RunAsync(db, service => service.RecordSilenceAsync(key, SilenceId, _time.GetUtcNow().AddHours(1), untilResolved: false, null, s_dana, Ct));

        Assert.Equal($"{key} is resolved and cannot be silenced.", silenced.Error?.Message);
        Assert.Null((await LoadAsync(db, key)).SilenceId);
    }

    [Theory, OnEveryDatabase]
    public async Task A_silence_until_resolved_is_to_be_lifted_once_its_incident_resolved_until_the_lifting_is_recorded(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = await DeclareAsync(db);
        IncidentKey timed = await DeclareAsync(db);
        await RunAsync(db, service => service.RecordSilenceAsync(key, SilenceId, _time.GetUtcNow().AddDays(7), untilResolved: true, null, s_dana, Ct));
        await RunAsync(db, service => service.RecordSilenceAsync(timed, "timed", _time.GetUtcNow().AddHours(1), untilResolved: false, null, s_dana, Ct));
        IReadOnlyList<(IncidentKey, string)> whileOpen = await ToLiftAsync(db);
        await RunAsync(db, service => service.ResolveAsync(key, s_dana, null, Ct));
        await RunAsync(db, service => service.ResolveAsync(timed, s_dana, null, Ct));

        IReadOnlyList<(IncidentKey, string)> afterResolving = await ToLiftAsync(db);
        IncidentCommandResult lifted = await RunAsync(db, service => service.RecordSilenceLiftedAsync(key, SilenceId, "the incident resolved", Actor.System, Ct));
        IncidentCommandResult liftedTwice = await RunAsync(db, service => service.RecordSilenceLiftedAsync(key, SilenceId, "the incident resolved", Actor.System, Ct));

        Assert.Empty(whileOpen);
        Assert.Equal([(key, SilenceId)], afterResolving);
        Assert.True(lifted.Succeeded);
        Assert.Empty(await ToLiftAsync(db));
        Incident stored = await LoadAsync(db, key);
        Assert.Equal((null, null, false), (stored.SilenceId, stored.SilencedUntil, stored.SilenceUntilResolved));
        Assert.Equal($"Silence {SilenceId} lifted: the incident resolved", stored.Timeline.Single(e => e.Kind == TimelineEntryKind.SilenceLifted).Text);
        Assert.False(liftedTwice.Succeeded);
    }
}
