using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Metrics;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatOpsIncidents.Core.Tests.DueWork;

/// <summary>The one model of due work, seen through its two kinds: escalation steps and postmortem reminders.</summary>
public sealed class DueWorkServiceTests(PostgresServer postgres)
{
    private const string Lead = "UBOB";
    private static readonly Actor s_carol = Actor.SlackUser("UCAROL", "carol");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>SEV1: the lead, then the lead again 5 minutes later.</summary>
    private static EscalationOptions Sev1Policy() => new()
    {
        Policies = [new EscalationPolicy { Name = "sev1", Severities = [Severity.Sev1], Steps = [new EscalationStep { Users = [Lead], WaitMinutes = 5 }], RepeatLastStep = 1 }],
    };

    private static async Task<IncidentKey> DeclareAsync(TestDb db, Automation automation, Severity severity)
    {
        await using IncidentsDbContext context = db.NewContext();
        return (await automation.Incidents(context).DeclareAsync(new DeclaredIncident("Checkout is down", severity), s_carol, Ct)).Incident!.Key;
    }

    [Theory, OnEveryDatabase]
    public async Task Replicas_woken_for_the_same_work_at_once_fire_it_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time, Sev1Policy());
        IncidentKey key = await DeclareAsync(db, automation, Severity.Sev1);

        bool[] fired = await FireTogetherAsync(db, automation, key);

        Assert.Single(fired, true);
        await using IncidentsDbContext check = db.NewContext();
        Assert.Equal(1, await check.TimelineEntries.CountAsync(e => e.IncidentId == key.Number && e.Kind == TimelineEntryKind.EscalationStep, Ct));
        Assert.Equal(1, await check.Pages.CountAsync(Ct));
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), (await check.Escalations.SingleAsync(Ct)).DueAt);
    }

    [Theory, OnEveryDatabase]
    public async Task Replicas_woken_for_work_that_records_nothing_still_agree_on_one_firing(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time, Sev1Policy());
        IncidentKey key = await DeclareAsync(db, automation, Severity.Sev1);
        await using (IncidentsDbContext context = db.NewContext())
        {
            Incident incident = await context.Incidents.SingleAsync(i => i.Id == key.Number, Ct);
            incident.Acknowledge(s_carol, _time.GetUtcNow()); // behind the automation's back: the step is still due, and only stops
            await context.SaveChangesAsync(Ct);
        }

        bool[] fired = await FireTogetherAsync(db, automation, key);

        Assert.Single(fired, true);
        await using IncidentsDbContext check = db.NewContext();
        Assert.Null((await check.Escalations.SingleAsync(Ct)).DueAt);
        Assert.Equal(0, await check.Pages.CountAsync(Ct));
    }

    /// <summary>
    /// Three replicas fire the incident's step at once. On PostgreSQL each reads the work before any of them saves, the race
    /// at its closest; SQLite lets one writer in at a time, so there they take turns.
    /// </summary>
    private static async Task<bool[]> FireTogetherAsync(TestDb db, Automation automation, IncidentKey key)
    {
        const int Replicas = 3;
        var together = new SaveTogether(Replicas);
        IncidentsDbContext[] replicas = [.. Enumerable.Range(0, Replicas).Select(_ => db.Provider == DatabaseProvider.Postgres ? db.NewContext(together) : db.NewContext())];
        try
        {
            return await Task.WhenAll(replicas.Select(context => automation.DueWork(context).FireDueAsync(EscalationSteps.KindName, key.ToString(), Ct)));
        }
        finally
        {
            await Task.WhenAll(replicas.Select(context => context.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task The_overdue_sweep_fires_the_late_work_of_every_kind_and_measures_by_kind_how_late_it_fired()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        using var meters = new MeasurementRecorder();
        var automation = new Automation(_time, Sev1Policy(), meters: meters);
        IncidentKey escalated = await DeclareAsync(db, automation, Severity.Sev1);
        IncidentKey resolved = await DeclareAsync(db, automation, Severity.Sev3);
        await using (IncidentsDbContext context = db.NewContext())
        {
            await automation.Incidents(context).ResolveAsync(resolved, s_carol, null, Ct);
        }
        DateTimeOffset stepDue = _time.GetUtcNow();
        _time.Advance(Postmortem.ReminderInterval + TimeSpan.FromMinutes(2)); // the step a day late, the reminder two minutes

        await using IncidentsDbContext sweep = db.NewContext();
        int fired = await automation.DueWork(sweep).FireOverdueAsync(Ct);

        Assert.Equal(2, fired);
        Assert.Equal(
            [("chatops.due_work.lag", (_time.GetUtcNow() - stepDue).TotalSeconds, "kind=escalation-steps"),
             ("chatops.due_work.overdue_fired", 1, "kind=escalation-steps"),
             ("chatops.due_work.lag", TimeSpan.FromMinutes(2).TotalSeconds, "kind=postmortem-reminders"),
             ("chatops.due_work.overdue_fired", 1, "kind=postmortem-reminders")],
            meters.Recorded.Where(m => m.Instrument.StartsWith("chatops.due_work.", StringComparison.Ordinal)));
        await using IncidentsDbContext check = db.NewContext();
        Assert.Equal(
            [(escalated.Number, TimelineEntryKind.EscalationStep), (resolved.Number, TimelineEntryKind.PostmortemReminder)],
            await check.TimelineEntries.Where(e => e.Kind == TimelineEntryKind.EscalationStep || e.Kind == TimelineEntryKind.PostmortemReminder)
                .OrderBy(e => e.Id).Select(e => ValueTuple.Create(e.IncidentId, e.Kind)).ToListAsync(Ct));
    }

    /// <summary>Holds each context's first save until all of them got there, so that all of them read before any writes.</summary>
    private sealed class SaveTogether(int contexts) : SaveChangesInterceptor
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _arrived) >= contexts)
            {
                _all.TrySetResult();
            }
            await _all.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return result;
        }
    }
}
