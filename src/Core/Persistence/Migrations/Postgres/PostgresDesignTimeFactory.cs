using Microsoft.EntityFrameworkCore.Design;

namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres;

/// <summary>The context <c>dotnet ef</c> adds PostgreSQL migrations with; adding a migration opens no database.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIncidentsDbContext>
{
    public PostgresIncidentsDbContext CreateDbContext(string[] args) =>
        new(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost" });
}
