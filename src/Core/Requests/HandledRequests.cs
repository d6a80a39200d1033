using System.Globalization;
using System.Text;
using System.Threading.Channels;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Core.Requests;

/// <summary>
/// Remembers the requests acted on, in the database so that every replica sees them: a signed request replayed while its
/// signature is still accepted is answered without acting again. Requests arriving together are recorded by one writer in
/// one transaction, so that on SQLite, which commits one writer at a time, many share a commit. Keys older than
/// <see cref="KeptFor"/> are pruned as new ones come, at most once a minute.
/// </summary>
public sealed class HandledRequests : IAsyncDisposable
{
    /// <summary>Longer than a request stays acceptable: a chat signature is accepted five minutes either side of its timestamp.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(15);

    private const int MaxBatch = 256;
    private const int MaxQueued = 4096;
    private static readonly TimeSpan s_pruneEvery = TimeSpan.FromMinutes(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Channel<Claim> _queue = Channel.CreateBounded<Claim>(new BoundedChannelOptions(MaxQueued) { SingleReader = true });
    private readonly Task _writer;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public HandledRequests(IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>True the first time <paramref name="key"/> is seen, on any replica; false for a replay.</summary>
    public async Task<bool> FirstTimeAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, HandledRequest.MaxKeyLength, nameof(key));
        var claim = new Claim(key);
        await _queue.Writer.WriteAsync(claim, cancellationToken);
        return await claim.First.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        var batch = new List<Claim>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out Claim? claim))
            {
                batch.Add(claim);
            }
            try
            {
                await RecordAsync(batch);
            }
            catch (Exception exception)
            {
                batch.ForEach(claim => claim.First.TrySetException(exception));
            }
            batch.Clear();
        }
    }

    /// <summary>Inserts every key of <paramref name="batch"/> in one transaction; each claim learns whether its insert was the first.</summary>
    private async Task RecordAsync(List<Claim> batch)
    {
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        DateTimeOffset now = _time.GetStorableUtcNow();
        bool sqlite = db.Database.IsSqlite();
        HashSet<string> inserted;
        await using (WriteTransaction transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None))
        {
            inserted = await InsertAsync(db, batch, sqlite ? now.UtcTicks : now);
            if (now >= _nextPrune)
            {
                DateTimeOffset cutoff = now - KeptFor;
                await db.Database.ExecuteSqlAsync($"""DELETE FROM "HandledRequests" WHERE "At" < {(sqlite ? cutoff.UtcTicks : cutoff)}""");
                _nextPrune = now + s_pruneEvery;
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        foreach (Claim claim in batch)
        {
            claim.First.TrySetResult(inserted.Remove(claim.Key)); // a key twice in the batch: the first claim of it is the first
        }
    }

    /// <summary>Inserts the keys of <paramref name="batch"/> in one statement; returns those that were not recorded yet.</summary>
    private static async Task<HashSet<string>> InsertAsync(IncidentsDbContext db, List<Claim> batch, object at)
    {
        var sql = new StringBuilder("""INSERT INTO "HandledRequests" ("Key", "At") VALUES """);
        var parameters = new object[batch.Count + 1];
        parameters[0] = at;
        for (int i = 0; i < batch.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}({{{i + 1}}}, {{0}})");
            parameters[i + 1] = batch[i].Key;
        }
        sql.Append(""" ON CONFLICT DO NOTHING RETURNING "Key" AS "Value" """);
        return [.. await db.Database.SqlQueryRaw<string>(sql.ToString(), parameters).ToListAsync(CancellationToken.None)];
    }

    private sealed class Claim(string key)
    {
        public string Key { get; } = key;

        public TaskCompletionSource<bool> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
