using ChatOpsIncidents.Core;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatOpsIncidents.Migrations.Sqlite;

/// <summary>The context <c>dotnet ef</c> works with for SQLite's migrations; adding a migration opens no database.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<IncidentsDbContext>
{
    public IncidentsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<IncidentsDbContext>();
        CoreServiceCollectionExtensions.UseDatabase(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite });
        return new IncidentsDbContext(builder.Options);
    }
}
