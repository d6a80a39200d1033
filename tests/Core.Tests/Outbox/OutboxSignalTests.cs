using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
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
        return new AlertIntakeService(context, new AlertClassifier(options), new Automation(_time).For(context), options, _time, NullLogger<AlertIntakeService>.Instance);
    }

    [Theory, OnEveryDatabase]
    public async Task Committing_new_timeline_entries_signals_the_outbox(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using IncidentsDbContext context = NewContext(db);
        Task beforeDeclaring = _signal.NextNotification;
        await new Automation(_time).Incidents(context).DeclareAsync(new DeclaredIncident("Checkout is down", Severity.Sev2), Actor.SlackUser("U1"), Ct);
        Task beforeOpening = _signal.NextNotification;
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
        Task next = _signal.NextNotification;

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
}
