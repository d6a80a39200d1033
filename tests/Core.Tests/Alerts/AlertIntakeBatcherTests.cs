using System.Data.Common;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Storms;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Alerts;

public sealed class AlertIntakeBatcherTests(PostgresServer postgres)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tests that open tens of incidents at once, a storm at the default Storms:Threshold, but are about batching (StormTests is about storms).</summary>
    private static readonly StormOptions s_noStorm = new() { Threshold = 100 };

    private static AlertGroupSignal NumberedGroup(int number, string fingerprint) => GroupWithKey($"{{}}:{{alertname=\"A{number}\"}}", Firing(fingerprint));

    [Theory, OnEveryDatabase]
    public async Task Each_delivery_is_answered_with_its_own_incident_only_once_that_incident_is_committed(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using var intake = new BatchedIntake(db, _time, s_noStorm);

        Task<bool>[] answeredAfterCommit = [.. Enumerable.Range(0, 40).Select(number => Task.Run(async () =>
        {
            AlertIntakeResult result = await intake.DeliverAsync(NumberedGroup(number, $"f{number}"));
            await using IncidentsDbContext reader = db.NewContext();
            Incident? stored = await new IncidentQueries(reader).FindAsync(result.Incident, Ct);
            return result.Outcome == AlertIntakeOutcome.Opened && stored?.Alerts.Single().Fingerprint == $"f{number}";
        }))];

        Assert.All(await Task.WhenAll(answeredAfterCommit), Assert.True);
        await using IncidentsDbContext context = db.NewContext();
        Assert.Equal(40, await context.Incidents.CountAsync(Ct));
        Assert.Equal(80, await context.TimelineEntries.CountAsync(Ct)); // opened + one alert each
        Assert.Equal(40, await context.Deliveries.CountAsync(Ct));
    }

    [Theory, OnEveryDatabase]
    public async Task A_delivery_that_fails_in_a_batch_fails_alone_and_leaves_nothing_of_itself(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using var intake = new BatchedIntake(db, _time, s_noStorm, new FailAfterWriting("poisoned"));

        Task<AlertIntakeResult>[] deliveries = [.. Enumerable.Range(0, 30).Select(number =>
            Task.Run(() => intake.DeliverAsync(NumberedGroup(number, number == 15 ? "poisoned" : $"f{number}"))))];

        await Assert.ThrowsAnyAsync<Exception>(() => deliveries[15]);
        AlertIntakeResult[] others = await Task.WhenAll(deliveries.Where((_, number) => number != 15));
        Assert.All(others, result => Assert.Equal(AlertIntakeOutcome.Opened, result.Outcome));
        await using IncidentsDbContext context = db.NewContext();
        Assert.Equal(29, await context.Incidents.CountAsync(Ct));
        Assert.False(await context.Alerts.AnyAsync(a => a.Fingerprint == "poisoned", Ct));
        Assert.False(await context.Incidents.AnyAsync(i => i.GroupKey == NumberedGroup(15, "poisoned").GroupKey, Ct));
        Assert.Equal(58, await context.TimelineEntries.CountAsync(Ct));
        Assert.Equal(29, await context.Deliveries.CountAsync(Ct));
    }

    [Theory, OnEveryDatabase]
    public async Task A_delivery_the_database_already_holds_is_answered_unchanged_without_a_write_transaction(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        AlertGroupSignal group = Group(Firing("aaaa"), Firing("bbbb"));
        AlertIntakeResult opened;
        await using (var first = new BatchedIntake(db, _time))
        {
            opened = await first.DeliverAsync(group);
        }
        await using var readOnly = new BatchedIntake(db, _time, new RefuseTransactions());

        AlertIntakeResult repeated = await readOnly.DeliverAsync(group);

        Assert.Equal(new AlertIntakeResult(opened.Incident, AlertIntakeOutcome.Unchanged), repeated);
    }

    [Theory, OnEveryDatabase]
    public async Task A_repeat_that_changes_only_an_annotation_is_still_stored(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using var intake = new BatchedIntake(db, _time);
        AlertIntakeResult opened = await intake.DeliverAsync(Group(Firing("aaaa")));

        AlertIntakeResult repeated = await intake.DeliverAsync(Group(Firing("aaaa", summary: "Now with a better summary")));

        Assert.Equal(AlertIntakeOutcome.Unchanged, repeated.Outcome); // nothing people need to hear about…
        await using IncidentsDbContext context = db.NewContext();
        Incident incident = (await new IncidentQueries(context).FindAsync(opened.Incident, Ct))!;
        Assert.Equal("Now with a better summary", incident.Alerts.Single().Summary); // …but the alert is up to date
    }

    [Theory, OnEveryDatabase]
    public async Task The_same_group_delivered_at_once_to_two_replicas_yields_one_incident(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using var replicaA = new BatchedIntake(db, _time);
        await using var replicaB = new BatchedIntake(db, _time);
        AlertGroupSignal group = Group(Firing("aaaa"), Firing("bbbb"), Firing("cccc"));

        AlertIntakeResult[] results = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => (i % 2 == 0 ? replicaA : replicaB).DeliverAsync(group))));

        Assert.Single(results.Select(r => r.Incident).Distinct());
        Assert.Single(results, r => r.Outcome == AlertIntakeOutcome.Opened);
        await using IncidentsDbContext context = db.NewContext();
        Assert.Equal(1, await context.Incidents.CountAsync(Ct));
        Assert.Equal(3, await context.Alerts.CountAsync(Ct));
        Assert.Equal(4, await context.TimelineEntries.CountAsync(Ct));
    }

    /// <summary>Fails the command that wrote <paramref name="fingerprint"/> after the database ran it, as a failing statement would.</summary>
    private sealed class FailAfterWriting(string fingerprint) : DbCommandInterceptor
    {
        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase)
                && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, fingerprint)))
            {
                await result.DisposeAsync();
                throw new InvalidOperationException($"Injected failure after writing {fingerprint}.");
            }
            return result;
        }
    }

    private sealed class RefuseTransactions : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("This test allows no write transaction.");
    }
}
