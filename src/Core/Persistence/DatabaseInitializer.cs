using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Persistence;

public static class DatabaseInitializer
{
    /// <summary>Creates the SQLite folder when needed, applies pending migrations and turns on SQLite's WAL journal.</summary>
    public static async Task InitializeIncidentsDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        DatabaseOptions options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            CreateSqliteFolder(options.EffectiveConnectionString);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }

    private static void CreateSqliteFolder(string connectionString)
    {
        string file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        string? folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (file is not ("" or ":memory:") && folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
