using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Alerts;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Metrics;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Incidents;

/// <summary>Resolving as not actionable (noise): on the timeline, and counted by alert name once committed.</summary>
public sealed class NoiseTests(PostgresServer postgres) : IDisposable
{
    private static readonly Actor s_alice = Actor.SlackUser("U024BE7LH", "alice");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
    private readonly MeasurementRecorder _recorder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _recorder.Dispose();

    private IncidentsDbContext NewContext(TestDb db) =>
        db.NewContext(new IncidentMetricsInterceptor(new IncidentMetrics(_recorder, new ServiceLabels([], _recorder, NullLogger<ServiceLabels>.Instance))));

    [Theory, OnEveryDatabase]
    public async Task Resolving_an_open_incident_as_noise_resolves_it_says_why_and_counts_its_alert_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        IncidentKey key = (await new IntakeHarness(db, _time).DeliverAsync(Group(Firing("a1")))).Incident;
        _time.Advance(TimeSpan.FromMinutes(3));

        IncidentCommandResult first = await ResolveAsNoiseAsync(db, key, "  probe flaps when the node restarts ");
        IncidentCommandResult second = await ResolveAsNoiseAsync(db, key, null);

        Assert.True(first.Succeeded);
        Assert.Equal($"{key} is already marked not actionable.", second.Error?.Message);
        await using IncidentsDbContext check = db.NewContext();
        Incident incident = await check.Incidents.Include(i => i.Timeline).SingleAsync(Ct);
        Assert.Equal((IncidentStatus.Resolved, _time.GetUtcNow(), _time.GetUtcNow()), (incident.Status, incident.ResolvedAt, incident.MarkedNoiseAt));
        Assert.Equal(
            [(TimelineEntryKind.Resolved, "Resolved"), (TimelineEntryKind.MarkedNoise, "Not actionable (noise): probe flaps when the node restarts")],
            incident.Timeline.Where(e => e.Kind is TimelineEntryKind.Resolved or TimelineEntryKind.MarkedNoise).Select(e => (e.Kind, e.Text)));
        Assert.Equal(s_alice, incident.Timeline.Single(e => e.Kind == TimelineEntryKind.MarkedNoise).Actor);
        Assert.Equal([("chatops.incidents.noise", 1, "alertname=KubePodCrashLooping")], Noise());
    }

    [Theory, OnEveryDatabase]
    public async Task An_incident_its_alerts_resolved_can_be_marked_noise_afterwards_and_a_declared_one_counts_as_none(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var intake = new IntakeHarness(db, _time);
        IncidentKey fromAlerts = (await intake.DeliverAsync(Group(Firing("a1")))).Incident;
        _time.Advance(TimeSpan.FromMinutes(2));
        await intake.DeliverAsync(Group(Firing("a1").Resolved(_time.GetUtcNow())));
        IncidentKey declared;
        await using (IncidentsDbContext context = db.NewContext())
        {
            declared = (await new Automation(_time).Incidents(context).DeclareAsync(new DeclaredIncident("Checkout slow", Severity.Sev3), s_alice, Ct)).Incident!.Key;
        }

        Assert.True((await ResolveAsNoiseAsync(db, fromAlerts, null)).Succeeded);
        Assert.True((await ResolveAsNoiseAsync(db, declared, "customer misread the graph")).Succeeded);

        Incident marked = await intake.LoadAsync(fromAlerts);
        Assert.Equal("Not actionable (noise)", Assert.Single(marked.Timeline, e => e.Kind == TimelineEntryKind.MarkedNoise).Text);
        Assert.Single(marked.Timeline, e => e.Kind is TimelineEntryKind.Resolved or TimelineEntryKind.AutoResolved);
        Assert.Equal([("chatops.incidents.noise", 1, "alertname=KubePodCrashLooping"), ("chatops.incidents.noise", 1, "alertname=none")], Noise());
    }

    private async Task<IncidentCommandResult> ResolveAsNoiseAsync(TestDb db, IncidentKey key, string? why)
    {
        await using IncidentsDbContext context = NewContext(db);
        return await new Automation(_time).Incidents(context).ResolveAsNoiseAsync(key, s_alice, why, Ct);
    }

    private List<(string, double, string)> Noise() => [.. _recorder.Recorded.Where(m => m.Instrument == "chatops.incidents.noise")];
}
