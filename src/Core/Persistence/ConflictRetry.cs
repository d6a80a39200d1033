using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// Runs a read-decide-write unit of work in one transaction, and runs it again from a clean slate when a
/// concurrent writer won the race (unique constraint, stale version, serialization failure). The loser's
/// second attempt sees the winner's committed work, so both end in one consistent outcome.
/// </summary>
public static class ConflictRetry
{
    private const int MaxAttempts = 5;

    public static async Task<T> WriteAsync<T>(this IncidentsDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken); // the caller's transaction commits, or retries, the whole of it
        }
        for (int attempt = 1; ; attempt++)
        {
            await using WriteTransaction transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            try
            {
                T result = await work(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsLostRace(exception))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A concurrent writer won (a unique constraint, a stale version or a serialization failure): redoing the work from a clean slate sees its committed outcome.</summary>
    public static bool IsLostRace(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: PostgresException postgres } => IsLostRace(postgres),
        DbUpdateException { InnerException: SqliteException sqlite } => sqlite.SqliteExtendedErrorCode is SqliteUniqueViolation or SqlitePrimaryKeyViolation,
        PostgresException postgres => IsLostRace(postgres),
        _ => false,
    };

    private static bool IsLostRace(PostgresException postgres) => postgres.SqlState is PostgresErrorCodes.UniqueViolation
        or PostgresErrorCodes.SerializationFailure
        or PostgresErrorCodes.DeadlockDetected;

    private const int SqliteUniqueViolation = 2067;
    private const int SqlitePrimaryKeyViolation = 1555;
}
