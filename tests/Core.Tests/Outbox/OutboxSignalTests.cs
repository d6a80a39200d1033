using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Outbox;

public sealed class OutboxSignalTests(PostgresServer postgres)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly OutboxSignal _signal = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IncidentsDbContext NewContext(TestDb db)
    {
        var builder = new DbContextOptionsBuilder<IncidentsDbContext>();
        CoreServiceCollectionExtensions.UseDatabase(builder, db.Options).AddInterceptors(new OutboxCommitInterceptor(_signal));
        return new IncidentsDbContext(builder.Options);
    }

    private AlertIntakeService Intake(IncidentsDbContext context)
    {
        IOptions<IncidentOptions> options = Options.Create(new IncidentOptions());
        return new AlertIntakeService(context, new AlertClassifier(options, new SloCatalog([])), new Automation(_time).For(context), options, _time, NullLogger<AlertIntakeService>.Instance);
    }

    [Theory, OnEveryDatabase]
    public async Task Committing_new_timeline_entries_signals_the_outbox(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using IncidentsDbContext context = NewContext(db);
        Task beforeDeclaring = _signal.TimelineEntries.NextNotification;
        await new Automation(_time).Incidents(context).DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev2), Actor.SlackUser("U1"), Ct);
        Task beforeOpening = _signal.TimelineEntries.NextNotification;
        await Intake(context).ReceiveAsync(Group(Firing("aaaa")), Ct); // in a transaction: signalled at its commit

        Assert.True(beforeDeclaring.IsCompleted);
        Assert.True(beforeOpening.IsCompleted);
    }

    [Theory, OnEveryDatabase]
    public async Task Saves_without_new_entries_and_entries_rolled_back_do_not_signal(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using (IncidentsDbContext setup = NewContext(db))
        {
            await Intake(setup).ReceiveAsync(Group(Firing("aaaa")), Ct);
        }
        Task next = _signal.TimelineEntries.NextNotification;

        await using IncidentsDbContext context = NewContext(db);
        AlertIntakeResult repeated = await Intake(context).ReceiveAsync(Group(Firing("aaaa")), Ct);
        await using (var transaction = await context.Database.BeginTransactionAsync(Ct))
        {
            await new Automation(_time).Incidents(context).DeclareAsync(new DeclaredIncident("Never committed", Severity.Sev3), Actor.SlackUser("U1"), Ct);
            await transaction.RollbackAsync(Ct);
        }

        Assert.Equal(AlertIntakeOutcome.Unchanged, repeated.Outcome);
        Assert.False(next.IsCompleted);
    }

    [Theory, OnEveryDatabase]
    public async Task Only_a_committed_escalation_step_wakes_the_page_lane(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using IncidentsDbContext context = NewContext(db);
        var automation = new Automation(_time, new EscalationOptions
        {
            Policies = [new EscalationPolicy { Name = "sev1", Severities = [Severity.Sev1], Steps = [new EscalationStep { Users = ["U0ONCALL1"] }] }],
        });
        Task beforeDeclaring = _signal.Pages.NextNotification;
        IncidentCommandResult declared = await automation.Incidents(context)
            .DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev1), Actor.SlackUser("U1"), Ct);
        Assert.False(beforeDeclaring.IsCompleted);

        Task beforeFiring = _signal.TimelineEntries.NextNotification;
        Assert.True(await automation.DueWork(context).FireDueAsync(EscalationSteps.KindName, declared.Incident!.Key.ToString(), Ct));

        Assert.True(beforeDeclaring.IsCompleted);
        Assert.True(beforeFiring.IsCompleted); // the step's line for the incident's channel
    }
}
