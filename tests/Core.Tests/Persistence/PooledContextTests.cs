using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Escalation;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Core.Tests.Persistence;

/// <summary>The incident context as <see cref="CoreServiceCollectionExtensions.AddCore"/> registers it: pooled, one per scope.</summary>
public sealed class PooledContextTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task A_context_given_back_to_the_pool_carries_nothing_into_its_next_use(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using ServiceProvider services = Services(db);
        OutboxSignal signal = services.GetRequiredService<OutboxSignal>();
        IncidentsDbContext used;
        await using (AsyncServiceScope scope = services.CreateAsyncScope())
        {
            used = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
            used.Database.AutoSavepointsEnabled = false; // as the group commit does
            // A transaction left open: its new timeline entry waits in the outbox interceptor for a commit that never comes.
            await used.Database.BeginTransactionAsync(Ct);
            used.Incidents.Add(Incident.Declare(new DeclaredIncident("Never committed", Severity.Sev3), Actor.Api("ci"), s_now));
            await used.SaveChangesAsync(Ct);
        }
        Task signalled = signal.TimelineEntries.NextNotification;

        await using (AsyncServiceScope scope = services.CreateAsyncScope())
        {
            IncidentsDbContext next = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
            Assert.Same(used, next); // the pool's
            Assert.Empty(next.ChangeTracker.Entries());
            Assert.Null(next.Database.CurrentTransaction);
            Assert.True(next.Database.AutoSavepointsEnabled);
            await using IDbContextTransaction transaction = await next.Database.BeginTransactionAsync(Ct);
            await transaction.CommitAsync(Ct); // commits nothing, so signals nothing
            Assert.Equal(0, await next.Incidents.CountAsync(Ct));
        }

        Assert.False(signalled.IsCompleted);
    }

    private static ServiceProvider Services(TestDb db) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = db.Provider.ToString(),
            ["ConnectionStrings:Incidents"] = db.Options.EffectiveConnectionString,
        }).Build())
        .AddLogging()
        .AddSingleton<IMeterFactory, TestMeterFactory>()
        .AddCore()
        .BuildServiceProvider();
}
