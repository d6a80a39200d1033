using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Core.Requests;

/// <summary>
/// Remembers the requests acted on, in the database so that every replica sees them: a signed request replayed while its
/// signature is still accepted is answered without acting again. Requests arriving together are recorded by one writer in
/// one transaction, so that on SQLite, which commits one writer at a time, many share a commit. Keys older than
/// <see cref="KeptFor"/> are pruned as new ones come, at most once a minute. A request that writes can instead be recorded in
/// the transaction of its write (<see cref="RecordInTransactionAsync"/>): one commit for both, and no crash keeps one without the other.
/// <para>
/// A request that only reads (<see cref="FirstTimeReadingAsync"/>: its answer is all it does) is not kept waiting for its
/// record to reach the disk. On SQLite its record is committed in a transaction of its own with <c>synchronous=NORMAL</c>:
/// the commit is visible to every connection and process at once (so a replay to this or another replica is refused, as
/// for a write) and survives the bot being killed, since it is in the WAL file; only an operating system crash or a power
/// loss before the WAL is next synced can lose it. Every bot process running after such a crash started after it, so a
/// replay of a lost record is refused by the fence: a read signed before this process began recording is never answered
/// (Slack signs with its clock and we start with ours: this holds as long as a machine takes longer to come back than the
/// two clocks differ). On PostgreSQL the bot can outlive a crash of the server, whose start this fence knows nothing of,
/// so reads are recorded as durably as writes there (its commits are cheap next to SQLite's fsync).
/// </para>
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
    private readonly DateTimeOffset _recordingSince;
    private long _nextPruneTicks;
    private string? _restoreSynchronous;

    public HandledRequests(IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        _recordingSince = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds()); // whole seconds, as Slack signs
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>True the first time <paramref name="key"/> is seen, on any replica; false for a replay. Its record is durable when this returns.</summary>
    public Task<bool> FirstTimeAsync(string key, CancellationToken cancellationToken) =>
        ClaimAsync(new Claim(key, durable: true), cancellationToken);

    /// <summary>
    /// As <see cref="FirstTimeAsync"/>, for a request whose answer is all it does, signed at <paramref name="signedAt"/>:
    /// recorded without waiting for the disk on SQLite, and refused when signed before this process began recording
    /// (see the class's remarks).
    /// </summary>
    public Task<bool> FirstTimeReadingAsync(string key, DateTimeOffset signedAt, CancellationToken cancellationToken) =>
        signedAt < _recordingSince ? Task.FromResult(false) : ClaimAsync(new Claim(key, durable: false), cancellationToken);

    /// <summary>
    /// Records <paramref name="key"/> in <paramref name="db"/>'s open transaction, so that the record commits, or rolls back, with
    /// what the request does in that transaction: true the first time on any replica; false for a replay (recorded before, or by
    /// a transaction that committed first, which PostgreSQL waits for). Its record is durable once that transaction committed.
    /// </summary>
    public async Task<bool> RecordInTransactionAsync(IncidentsDbContext db, string key, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, HandledRequest.MaxKeyLength, nameof(key));
        return (await RecordAsync(db, [key], cancellationToken)).Count == 1;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task<bool> ClaimAsync(Claim claim, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(claim.Key.Length, HandledRequest.MaxKeyLength, "key");
        await _queue.Writer.WriteAsync(claim, cancellationToken);
        return await claim.First.Task.WaitAsync(cancellationToken);
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

    /// <summary>
    /// Inserts every key of <paramref name="batch"/>, in one transaction, or on SQLite in two: the reads' first, not waiting
    /// for the disk, then the others'. Each claim learns whether its insert was the first.
    /// </summary>
    private async Task RecordAsync(List<Claim> batch)
    {
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        if (!db.Database.IsSqlite())
        {
            await CommitAsync(db, batch);
            return;
        }
        List<Claim> reads = batch.FindAll(claim => !claim.Durable);
        if (reads.Count > 0)
        {
            await CommitWithoutSyncAsync(db, reads);
        }
        if (reads.Count < batch.Count)
        {
            await CommitAsync(db, batch.FindAll(claim => claim.Durable));
        }
    }

    /// <summary>
    /// Commits <paramref name="claims"/> with SQLite's <c>synchronous=NORMAL</c> (no fsync), then puts the connection's setting
    /// back before it returns to the pool; a connection whose setting could not be put back is not reused.
    /// </summary>
    private async Task CommitWithoutSyncAsync(IncidentsDbContext db, List<Claim> claims)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            DbConnection connection = db.Database.GetDbConnection();
            // Every pooled connection starts with the database's default, and this writer is the only code that changes it (and
            // always puts it back), so the setting is read once, not every batch.
            _restoreSynchronous ??= "PRAGMA synchronous=" + Convert.ToString(await ScalarAsync(connection, "PRAGMA synchronous"), CultureInfo.InvariantCulture);
            await ExecuteAsync(connection, "PRAGMA synchronous=NORMAL");
            try
            {
                await CommitAsync(db, claims);
            }
            finally
            {
                await RestoreAsync(connection, _restoreSynchronous);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Puts the connection's <c>synchronous</c> back; a connection where that fails is dropped, never reused without fsyncs.</summary>
    private static async Task RestoreAsync(DbConnection connection, string restore)
    {
        try
        {
            await ExecuteAsync(connection, restore);
        }
        catch (DbException)
        {
            SqliteConnection.ClearPool((SqliteConnection)connection);
            throw;
        }
    }

    private async Task CommitAsync(IncidentsDbContext db, List<Claim> claims)
    {
        HashSet<string> inserted;
        await using (WriteTransaction transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None))
        {
            inserted = await RecordAsync(db, claims.ConvertAll(claim => claim.Key), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        foreach (Claim claim in claims)
        {
            claim.First.TrySetResult(inserted.Remove(claim.Key)); // a key twice in the batch: the first claim of it is the first
        }
    }

    /// <summary>Records <paramref name="keys"/> in <paramref name="db"/>'s open transaction, pruning when due; returns those not recorded yet.</summary>
    private async Task<HashSet<string>> RecordAsync(IncidentsDbContext db, List<string> keys, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetStorableUtcNow();
        bool sqlite = db.Database.IsSqlite();
        HashSet<string> inserted = await InsertAsync(db, keys, sqlite ? now.UtcTicks : now, cancellationToken);
        await PruneIfDueAsync(db, now, sqlite, cancellationToken);
        return inserted;
    }

    /// <summary>
    /// Deletes the keys older than <see cref="KeptFor"/> in <paramref name="db"/>'s transaction, at most once every
    /// <see cref="s_pruneEvery"/> across this replica's writers (the batch writer and the transactions that record their own).
    /// </summary>
    private async Task PruneIfDueAsync(IncidentsDbContext db, DateTimeOffset now, bool sqlite, CancellationToken cancellationToken)
    {
        long due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + s_pruneEvery).UtcTicks, due) != due)
        {
            return;
        }
        DateTimeOffset cutoff = now - KeptFor;
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "HandledRequests" WHERE "At" < {(sqlite ? cutoff.UtcTicks : cutoff)}""", cancellationToken);
    }

    /// <summary>
    /// Inserts <paramref name="keys"/> in one statement in <paramref name="db"/>'s open transaction; returns those that were not
    /// recorded yet. A plain command on the context's connection: EF Core's raw-SQL pipeline cost more than the insert.
    /// </summary>
    private static async Task<HashSet<string>> InsertAsync(IncidentsDbContext db, List<string> keys, object at, CancellationToken cancellationToken)
    {
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var sql = new StringBuilder("""INSERT INTO "HandledRequests" ("Key", "At") VALUES """);
        AddParameter(command, "@at", at);
        for (int i = 0; i < keys.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@k{i}, @at)");
            AddParameter(command, string.Create(CultureInfo.InvariantCulture, $"@k{i}"), keys[i]);
        }
        command.CommandText = sql.Append(""" ON CONFLICT DO NOTHING RETURNING "Key" """).ToString();
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetString(0));
        }
        return inserted;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A key to record, durably unless the request only reads.</summary>
    private sealed class Claim(string key, bool durable)
    {
        public string Key { get; } = key;

        public bool Durable { get; } = durable;

        public TaskCompletionSource<bool> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
