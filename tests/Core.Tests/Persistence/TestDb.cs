using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Persistence.Migrations;
using ChatOpsIncidents.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ChatOpsIncidents.Core.Tests.Persistence;

/// <summary>A fresh, migrated incident database on a real SQLite file or a real PostgreSQL server.</summary>
public sealed class TestDb : IAsyncDisposable
{
    private readonly string? _sqliteFolder;

    private TestDb(DatabaseOptions options, string? sqliteFolder)
    {
        Options = options;
        _sqliteFolder = sqliteFolder;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    /// <summary>On PostgreSQL, skips the test (fails it under CI=true) when no server can be run here.</summary>
    public static async Task<TestDb> CreateAsync(DatabaseProvider provider, PostgresServer postgres, CancellationToken cancellationToken)
    {
        TestDb db;
        if (provider == DatabaseProvider.Postgres)
        {
            postgres.RequireAvailable();
            string connectionString = await postgres.CreateDatabaseAsync(cancellationToken);
            db = new TestDb(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }, null);
        }
        else
        {
            string folder = Directory.CreateTempSubdirectory("incidents-test-").FullName;
            db = new TestDb(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = Path.Combine(folder, "incidents.db") }, folder);
        }
        await using IncidentsDbContext context = MigrationsContext.For(db.Options);
        await context.Database.MigrateAsync(cancellationToken);
        return db;
    }

    /// <summary>A new context: one per simulated request, as in the bot.</summary>
    public IncidentsDbContext NewContext(params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<IncidentsDbContext>();
        CoreServiceCollectionExtensions.UseDatabase(builder, Options).AddInterceptors(interceptors);
        return new IncidentsDbContext(builder.Options);
    }

    public ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            // Each test database has a pool of its own, whose idle connections count against the server's max_connections
            // until Npgsql prunes them minutes later: with many tests, new connections were refused ("too many clients").
            using var connection = new NpgsqlConnection(Options.EffectiveConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
