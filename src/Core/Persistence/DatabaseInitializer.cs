using ChatOpsIncidents.Core.Persistence.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Persistence;

public static class DatabaseInitializer
{
    /// <summary>The PostgreSQL advisory lock held while migrating ("CHOP" in ASCII).</summary>
    private const long MigrationLockKey = 0x43484F50;

    /// <summary>
    /// Creates the SQLite folder and file when needed (readable by the bot's user only), applies pending migrations and
    /// turns on SQLite's WAL journal.
    /// </summary>
    public static async Task InitializeIncidentsDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        DatabaseOptions options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using IncidentsDbContext db = MigrationsContext.For(options);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            CreateSqliteFile(options.EffectiveConnectionString);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        if (options.Provider == DatabaseProvider.Postgres)
        {
            await MigrateOneReplicaAtATimeAsync(db, cancellationToken);
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Replicas starting together on an empty database would each apply the migrations and all but one fail (42P07, the
    /// table already exists). A session-level advisory lock lets one migrate; the others then find nothing pending.
    /// </summary>
    private static async Task MigrateOneReplicaAtATimeAsync(IncidentsDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void CreateSqliteFile(string connectionString)
    {
        var connection = new SqliteConnectionStringBuilder(connectionString);
        if (connection.DataSource is not ("" or ":memory:") && connection.Mode != SqliteOpenMode.Memory)
        {
            PrivateFiles.CreateFile(connection.DataSource);
        }
    }
}
