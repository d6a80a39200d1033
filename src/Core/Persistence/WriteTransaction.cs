using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// A database transaction that writes. SQLite admits one writer at a time, and Microsoft.Data.Sqlite waits for a busy
/// database by blocking its thread in 150 ms sleeps, so on SQLite the transaction first takes this process's turn to write
/// on an async gate per database file: concurrent writers queue without a thread or a sleep. PostgreSQL needs no gate.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_sqliteWriters = new(StringComparer.Ordinal);

    private readonly IDbContextTransaction _transaction;
    private readonly SemaphoreSlim? _turn;

    private WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? turn)
    {
        _transaction = transaction;
        _turn = turn;
    }

    public static async Task<WriteTransaction> BeginAsync(IncidentsDbContext db, CancellationToken cancellationToken)
    {
        SemaphoreSlim? turn = db.Database.IsSqlite()
            ? s_sqliteWriters.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1))
            : null;
        if (turn is not null)
        {
            await turn.WaitAsync(cancellationToken);
        }
        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), turn);
        }
        catch
        {
            turn?.Release();
            throw;
        }
    }

    /// <summary>
    /// Runs a lease statement (one UPDATE that takes rows for one dispatcher, RETURNING their ids as "Value"); returns the ids
    /// it leased. On SQLite it runs in a write transaction of its own, so it waits for this process's turn to write; on
    /// PostgreSQL the single statement is atomic by itself and needs no transaction.
    /// </summary>
    public static async Task<List<long>> LeaseAsync(IncidentsDbContext db, FormattableString lease, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return await db.Database.SqlQuery<long>(lease).ToListAsync(cancellationToken);
        }
        await using WriteTransaction transaction = await BeginAsync(db, cancellationToken);
        List<long> leased = await db.Database.SqlQuery<long>(lease).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return leased;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) => _transaction.RollbackAsync(cancellationToken);

    public Task CreateSavepointAsync(string name) => _transaction.CreateSavepointAsync(name);

    public Task RollbackToSavepointAsync(string name) => _transaction.RollbackToSavepointAsync(name);

    public Task ReleaseSavepointAsync(string name) => _transaction.ReleaseSavepointAsync(name);

    /// <summary>Ends the transaction (rolled back unless committed) and gives the turn to the next writer.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            _turn?.Release();
        }
    }
}
