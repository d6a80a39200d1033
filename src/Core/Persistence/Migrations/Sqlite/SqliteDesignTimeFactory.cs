using Microsoft.EntityFrameworkCore.Design;

namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite;

/// <summary>The context <c>dotnet ef</c> adds SQLite migrations with; adding a migration opens no database.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIncidentsDbContext>
{
    public SqliteIncidentsDbContext CreateDbContext(string[] args) => new(new DatabaseOptions { Provider = DatabaseProvider.Sqlite });
}
