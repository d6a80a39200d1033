using System.Data.Common;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Requests;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Core.Tests.Requests;

public sealed class HandledRequestsTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task A_read_or_a_write_is_first_once_across_replicas_whichever_way_it_was_recorded(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using ServiceProvider services = Services(db);
        await using HandledRequests first = Replica(services);
        await using HandledRequests second = Replica(services);

        bool[] reads = [await first.FirstTimeReadingAsync("read", s_start, Ct), await second.FirstTimeReadingAsync("read", s_start, Ct), await second.FirstTimeAsync("read", Ct)];
        bool[] writes = [await first.FirstTimeAsync("write", Ct), await second.FirstTimeReadingAsync("write", s_start, Ct)];

        Assert.Equal([true, false, false], reads);
        Assert.Equal([true, false], writes);
    }

    [Theory, OnEveryDatabase]
    public async Task Claims_of_one_key_sent_together_are_first_once_and_record_one_row(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using ServiceProvider services = Services(db);
        await using HandledRequests handled = Replica(services);

        bool[] same = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? handled.FirstTimeAsync("same", Ct)
            : handled.FirstTimeReadingAsync("same", s_start, Ct)));
        bool[] distinct = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => handled.FirstTimeAsync($"key {i}", Ct)));

        Assert.Single(same, first => first);
        Assert.All(distinct, Assert.True);
        await using IncidentsDbContext check = db.NewContext();
        Assert.Equal(41, await check.HandledRequests.CountAsync(Ct));
    }

    [Fact]
    public async Task A_read_signed_before_the_replica_began_recording_is_refused_without_asking_the_database()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        await using ServiceProvider services = Services(db);
        await using HandledRequests handled = Replica(services);

        Assert.False(await handled.FirstTimeReadingAsync("signed a second early", s_start.AddSeconds(-1), Ct));
        Assert.True(await handled.FirstTimeAsync("signed a second early", Ct)); // it was not recorded
    }

    [Fact]
    public async Task On_sqlite_a_read_commits_without_an_fsync_and_its_connection_goes_back_to_the_pool_syncing_again()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        var synchronous = new SynchronousAtCommitAndClose();
        await using ServiceProvider services = Services(db, synchronous);
        await using HandledRequests handled = Replica(services);

        Assert.True(await handled.FirstTimeReadingAsync("read", s_start, Ct));
        Assert.True(await handled.FirstTimeAsync("write", Ct));

        Assert.Equal(["commit 1", "close 2", "commit 2", "close 2"], synchronous.Seen); // NORMAL is 1, FULL 2
    }

    [Fact]
    public async Task On_sqlite_every_batch_of_reads_commits_without_an_fsync_and_gives_its_connection_back_syncing()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        var synchronous = new SynchronousAtCommitAndClose();
        await using ServiceProvider services = Services(db, synchronous);
        await using HandledRequests handled = Replica(services);

        Assert.True(await handled.FirstTimeReadingAsync("first read", s_start, Ct));
        Assert.True(await handled.FirstTimeReadingAsync("second read", s_start, Ct));

        Assert.Equal(["commit 1", "close 2", "commit 1", "close 2"], synchronous.Seen);
    }

    private static HandledRequests Replica(ServiceProvider services) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), new ManualTimeProvider(s_start.AddMilliseconds(400)));

    private static ServiceProvider Services(TestDb db, params IInterceptor[] interceptors) => new ServiceCollection()
        .AddScoped(_ => db.NewContext(interceptors))
        .BuildServiceProvider();

    /// <summary>SQLite's <c>synchronous</c> setting of the connection as each transaction commits and as the connection closes.</summary>
    private sealed class SynchronousAtCommitAndClose : IDbTransactionInterceptor, IDbConnectionInterceptor
    {
        public List<string> Seen { get; } = [];

        public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            Seen.Add($"commit {Synchronous(transaction.Connection!, transaction)}");
            return result;
        }

        public ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(TransactionCommitting(transaction, eventData, result));

        public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            Seen.Add($"close {Synchronous(connection, null)}");
            return result;
        }

        public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(ConnectionClosing(connection, eventData, result));

        private static long Synchronous(DbConnection connection, DbTransaction? transaction)
        {
            using DbCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "PRAGMA synchronous";
            return (long)command.ExecuteScalar()!;
        }
    }
}
