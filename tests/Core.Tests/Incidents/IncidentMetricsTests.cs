using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Metrics;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Incidents;

/// <summary>Incident metrics are recorded from committed changes only, once each.</summary>
public sealed class IncidentMetricsTests(PostgresServer postgres) : IDisposable
{
    private static readonly Actor s_alice = Actor.SlackUser("U024BE7LH", "alice");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly MeasurementRecorder _recorder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _recorder.Dispose();

    private IncidentMetrics NewMetrics() => new(_recorder, new ServiceLabels([], _recorder, NullLogger<ServiceLabels>.Instance));

    [Theory, OnEveryDatabase]
    public async Task An_incident_declared_in_a_transaction_that_rolls_back_is_not_counted_and_one_that_commits_is_counted_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var metrics = NewMetrics();
        var declared = new DeclaredIncident("Checkout is down", Severity.Sev2, "checkout");

        await using (IncidentsDbContext context = db.NewContext(new IncidentMetricsInterceptor(metrics)))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(Ct);
            await new Automation(_time).Incidents(context).DeclareAsync(declared, s_alice, Ct);
            await transaction.RollbackAsync(Ct);
        }
        Assert.Empty(_recorder.Recorded);

        await using (IncidentsDbContext context = db.NewContext(new IncidentMetricsInterceptor(metrics)))
        {
            await new Automation(_time).Incidents(context).DeclareAsync(declared, s_alice, Ct);
        }
        Assert.Equal([("chatops.incidents.opened", 1, "service=checkout,severity=SEV2")], _recorder.Recorded);
    }

    [Theory, OnEveryDatabase]
    public async Task Acknowledging_and_resolving_record_the_response_times_once_each_after_their_commit(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using IncidentsDbContext context = db.NewContext(new IncidentMetricsInterceptor(NewMetrics()));
        var service = new Automation(_time).Incidents(context);
        IncidentKey key = (await service.DeclareAsync(new DeclaredIncident("Queue stuck", Severity.Sev1, null), s_alice, Ct)).Incident!.Key;

        _time.Advance(TimeSpan.FromMinutes(3));
        await service.AcknowledgeAsync(key, s_alice, Ct);
        _time.Advance(TimeSpan.FromMinutes(10));
        await service.ResolveAsync(key, s_alice, "restarted", Ct);
        await service.ResolveAsync(key, s_alice, "again", Ct);

        Assert.Equal(
            [
                ("chatops.incidents.opened", 1, "service=unknown,severity=SEV1"),
                ("chatops.incident.time_to_acknowledge", 180, "service=unknown,severity=SEV1"),
                ("chatops.incident.time_to_resolve", 780, "service=unknown,severity=SEV1"),
            ],
            _recorder.Recorded);
    }

    [Theory, OnEveryDatabase]
    public async Task A_flapping_incident_counts_its_time_to_resolve_once_from_its_opening_to_its_final_resolution_when_no_reopen_is_possible(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var metrics = NewMetrics();
        var automation = new Automation(_time);
        async Task DeliverAsync(AlertGroupSignal group)
        {
            await using IncidentsDbContext context = db.NewContext(new IncidentMetricsInterceptor(metrics));
            IOptions<IncidentOptions> options = Options.Create(automation.IncidentOptions);
            await new AlertIntakeService(context, new AlertClassifier(options, new([])), automation.For(context), options, _time, NullLogger<AlertIntakeService>.Instance)
                .ReceiveAsync(group, Ct);
        }
        async Task<int> FireOverdueAsync()
        {
            await using IncidentsDbContext context = db.NewContext(new IncidentMetricsInterceptor(metrics));
            return await automation.DueWork(context).FireOverdueAsync(Ct);
        }
        AlertSignal alert = Firing("aaaa", _time.GetUtcNow());
        await DeliverAsync(Group(alert));
        for (int cycle = 1; cycle <= 5; cycle++)
        {
            _time.Advance(TimeSpan.FromSeconds(20));
            await DeliverAsync(Group(alert.Resolved(_time.GetUtcNow())));
            _time.Advance(TimeSpan.FromSeconds(16));
            if (cycle < 5)
            {
                alert = Firing("aaaa", _time.GetUtcNow());
                await DeliverAsync(Group(alert));
            }
        }
        DateTimeOffset finalResolve = _time.GetUtcNow() - TimeSpan.FromSeconds(16); // 5 × 20 s firing + 4 × 16 s resolved = 164 s

        _time.Advance(automation.IncidentOptions.ReopenWindow - TimeSpan.FromSeconds(16) + DueWorkService.OverdueAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await FireOverdueAsync());
        Assert.DoesNotContain(_recorder.Recorded, m => m.Instrument == "chatops.incident.time_to_resolve");
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await FireOverdueAsync());
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await FireOverdueAsync());

        Assert.Equal(
            [("chatops.incident.time_to_resolve", 164, "service=kube-state-metrics,severity=SEV1")],
            _recorder.Recorded.Where(m => m.Instrument == "chatops.incident.time_to_resolve"));
        await using IncidentsDbContext read = db.NewContext();
        FinalResolution resolution = await read.FinalResolutions.SingleAsync(Ct);
        Assert.Equal((null, finalResolve + automation.IncidentOptions.ReopenWindow + DueWorkService.OverdueAfter + TimeSpan.FromSeconds(1)), (resolution.DueAt, resolution.CountedAt));
    }

    /// <summary>On PostgreSQL: SQLite lets one transaction write at a time, so the two could not overlap there.</summary>
    [Fact]
    public async Task One_interceptor_serving_two_overlapping_transactions_counts_the_one_that_commits_and_not_the_one_that_rolls_back()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Postgres, postgres, Ct);
        var shared = new IncidentMetricsInterceptor(NewMetrics());
        await using IncidentsDbContext kept = db.NewContext(shared);
        await using IncidentsDbContext dropped = db.NewContext(shared);

        await using var keptTransaction = await kept.Database.BeginTransactionAsync(Ct);
        await new Automation(_time).Incidents(kept).DeclareAsync(new DeclaredIncident("Kept", Severity.Sev3, "kept"), s_alice, Ct);
        await using (var droppedTransaction = await dropped.Database.BeginTransactionAsync(Ct))
        {
            await new Automation(_time).Incidents(dropped).DeclareAsync(new DeclaredIncident("Dropped", Severity.Sev3, "dropped"), s_alice, Ct);
            await droppedTransaction.RollbackAsync(Ct);
        }
        await keptTransaction.CommitAsync(Ct);

        Assert.Equal([("chatops.incidents.opened", 1, "service=kept,severity=SEV3")], _recorder.Recorded);
    }
}
