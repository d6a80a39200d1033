using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Storms;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Tests.Metrics;

/// <summary>The gauges refreshed from the database before a scrape: open incidents, and the outbox's depth and age.</summary>
public sealed class DatabaseGaugesTests(PostgresServer postgres) : IDisposable
{
    private static readonly Actor s_alice = Actor.SlackUser("U024BE7LH", "alice");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly MeasurementRecorder _recorder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _recorder.Dispose();

    private async Task<IncidentKey> DeclareAsync(TestDb db, Severity severity)
    {
        await using IncidentsDbContext context = db.NewContext();
        return (await new Automation(_time).Incidents(context).DeclareAsync(new DeclaredIncident($"{severity} trouble", severity), s_alice, Ct)).Incident!.Key;
    }

    private async Task ChangeAsync(TestDb db, Func<IncidentService, Task<IncidentCommandResult>> command)
    {
        await using IncidentsDbContext context = db.NewContext();
        Assert.True((await command(new Automation(_time).Incidents(context))).Succeeded);
    }

    private async Task<IReadOnlyList<(string Instrument, double Value, string Tags)>> RefreshAndObserveAsync(params IMetricsRefresher[] refreshers)
    {
        foreach (IMetricsRefresher refresher in refreshers)
        {
            await refresher.RefreshAsync(Ct);
        }
        return _recorder.Observe();
    }

    [Theory, OnEveryDatabase]
    public async Task Open_incidents_are_counted_by_severity_and_status_and_the_outbox_by_what_is_undelivered(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using ServiceProvider services = new ServiceCollection().AddScoped(_ => db.NewContext()).BuildServiceProvider();
        IServiceScopeFactory scopes = services.GetRequiredService<IServiceScopeFactory>();
        var open = new OpenIncidentsGauge(_recorder, scopes);
        var outbox = new OutboxGauges(_recorder, scopes, _time);
        await DeclareAsync(db, Severity.Sev1); // the most severe and oldest: delivered first
        _time.Advance(TimeSpan.FromMinutes(1));
        IncidentKey acknowledged = await DeclareAsync(db, Severity.Sev2);
        await ChangeAsync(db, service => service.AcknowledgeAsync(acknowledged, s_alice, Ct));
        IncidentKey resolved = await DeclareAsync(db, Severity.Sev1);
        await ChangeAsync(db, service => service.ResolveAsync(resolved, s_alice, null, Ct));
        _time.Advance(TimeSpan.FromMinutes(2));

        IReadOnlyList<(string Instrument, double Value, string Tags)> before = await RefreshAndObserveAsync(open, outbox);
        await using (IncidentsDbContext context = db.NewContext())
        {
            var claims = new OutboxClaims(context, Options.Create(new OutboxOptions()), Options.Create(new StormOptions()), _time);
            ClaimedDelivery first = (await claims.ClaimNextAsync("test", Severity.Sev4, channelsMayBeCreated: true, Ct))!;
            first.Delivery.Delivered(first.Pending[^1].Id);
            first.Delivery.Release(_time.GetUtcNow(), error: null);
            await claims.SaveAsync(Ct);
        }
        IReadOnlyList<(string Instrument, double Value, string Tags)> after = await RefreshAndObserveAsync(open, outbox);

        (string, double, string)[] openIncidents = [.. before.Where(m => m.Instrument == "chatops.incidents.open" && m.Value > 0)];
        Assert.Equal([("chatops.incidents.open", 1, "severity=SEV1,status=triggered"), ("chatops.incidents.open", 1, "severity=SEV2,status=acknowledged")],
            openIncidents.Order());
        Assert.Equal(8, before.Count(m => m.Instrument == "chatops.incidents.open"));
        // Six entries: three openings, the ack, the resolution and the postmortem draft it started.
        Assert.Equal([("chatops.outbox.depth", 6, ""), ("chatops.outbox.oldest_age", 180, "")], before.Where(m => m.Instrument.StartsWith("chatops.outbox", StringComparison.Ordinal)));
        Assert.Equal([("chatops.outbox.depth", 5, ""), ("chatops.outbox.oldest_age", 120, "")], after.Where(m => m.Instrument.StartsWith("chatops.outbox", StringComparison.Ordinal)));
    }

    [Fact]
    public void Nothing_is_reported_before_the_first_refresh()
    {
        using ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        _ = new OpenIncidentsGauge(_recorder, services.GetRequiredService<IServiceScopeFactory>());
        _ = new OutboxGauges(_recorder, services.GetRequiredService<IServiceScopeFactory>(), _time);

        Assert.Empty(_recorder.Observe());
    }
}
