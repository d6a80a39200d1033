using System.Collections.Concurrent;
using System.Data.Common;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsIncidents.Core.Tests.Persistence;

public sealed class GroupCommitTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task Writes_queued_while_a_batch_commits_share_the_next_commit_and_each_is_answered_once_committed(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var commits = new CommitCounter();
        await using ServiceProvider services = Services(db, commits);
        await using var writes = new GroupCommit(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<GroupCommit>.Instance);
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        Task<long> first = writes.WriteAsync(async (scope, token) =>
        {
            started.SetResult();
            await release.Task.WaitAsync(token);
            return await DeclareAsync(scope, "first", token);
        }, Ct);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Task<bool>[] queued = [.. Enumerable.Range(0, 20).Select(n => AnsweredAfterCommitAsync(db, writes.WriteAsync((scope, token) => DeclareAsync(scope, $"queued {n}", token), Ct)))];
        release.SetResult();

        Assert.True(await AnsweredAfterCommitAsync(db, first));
        Assert.All(await Task.WhenAll(queued), Assert.True);
        Assert.Equal(2, commits.Count); // the first alone, then the 20 queued behind it together
    }

    [Theory, OnEveryDatabase]
    public async Task A_write_that_fails_is_rolled_back_alone_and_the_others_of_its_batch_commit(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await using ServiceProvider services = Services(db, new CommitCounter());
        await using var writes = new GroupCommit(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<GroupCommit>.Instance);

        Task<long>[] declared = [.. Enumerable.Range(0, 10).Select(n => writes.WriteAsync(async (scope, token) =>
        {
            long id = await DeclareAsync(scope, $"incident {n}", token);
            return n == 5 ? throw new InvalidOperationException("refused after writing") : id;
        }, Ct))];

        await Assert.ThrowsAsync<InvalidOperationException>(() => declared[5]);
        await Task.WhenAll(declared.Where((_, n) => n != 5));
        await using IncidentsDbContext context = db.NewContext();
        Assert.Equal(9, await context.Incidents.CountAsync(Ct));
        Assert.False(await context.Incidents.AnyAsync(i => i.Title == "incident 5", Ct));
        Assert.Equal(9, await context.Deliveries.CountAsync(Ct));
    }

    [Theory, OnEveryDatabase]
    public async Task A_write_rolled_back_to_its_savepoint_leaves_nothing_to_do_after_the_commit_and_one_applied_again_does_it_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var opened = new OpenedAfterCommit();
        await using ServiceProvider services = Services(db, new CommitCounter(), opened);
        await using var writes = new GroupCommit(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<GroupCommit>.Instance);
        int racesLost = 0;

        Task<long>[] declared = [.. Enumerable.Range(0, 6).Select(n => writes.WriteAsync(async (scope, token) =>
        {
            long id = await DeclareAsync(scope, $"incident {n}", token);
            return n switch
            {
                2 => throw new InvalidOperationException("refused after writing"),
                4 when Interlocked.Increment(ref racesLost) == 1 => throw new DbUpdateConcurrencyException("another replica won"),
                _ => id,
            };
        }, Ct))];

        await Assert.ThrowsAsync<InvalidOperationException>(() => declared[2]);
        await Task.WhenAll(declared.Where((_, n) => n != 2));
        Assert.Equal(["incident 0", "incident 1", "incident 3", "incident 4", "incident 5"], opened.Titles.Order());
    }

    private static ServiceProvider Services(TestDb db, params IInterceptor[] interceptors) => new ServiceCollection()
        .AddScoped(_ => db.NewContext(interceptors))
        .BuildServiceProvider();

    private static async Task<long> DeclareAsync(IServiceProvider scope, string title, CancellationToken cancellationToken)
    {
        IncidentsDbContext context = scope.GetRequiredService<IncidentsDbContext>();
        var incident = Incident.Declare(new DeclaredIncident(title, Severity.Sev3), Actor.Api("ci"), s_now);
        context.Incidents.Add(incident);
        await context.SaveChangesAsync(cancellationToken);
        return incident.Id;
    }

    /// <summary>True when the incident the write answered with is in the database by the time the answer arrives.</summary>
    private static async Task<bool> AnsweredAfterCommitAsync(TestDb db, Task<long> write)
    {
        long id = await write;
        await using IncidentsDbContext reader = db.NewContext();
        return await reader.Incidents.AnyAsync(i => i.Id == id, Ct);
    }

    /// <summary>The titles of the incidents whose opening was committed, as the metrics hear of them.</summary>
    private sealed class OpenedAfterCommit : AfterCommitInterceptor
    {
        private readonly ConcurrentQueue<string> _titles = new();

        public IEnumerable<string> Titles => _titles;

        protected override IEnumerable<Action> ActionsFor(IncidentsDbContext db) =>
            db.ChangeTracker.Entries<Incident>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Title)
                .Select(title => (Action)(() => _titles.Enqueue(title))).ToList();
    }

    private sealed class CommitCounter : DbTransactionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
