using ChatOpsIncidents.Core;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatOpsIncidents.Migrations.Postgres;

/// <summary>The context <c>dotnet ef</c> works with for PostgreSQL's migrations; adding a migration opens no database.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<IncidentsDbContext>
{
    public IncidentsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<IncidentsDbContext>();
        CoreServiceCollectionExtensions.UseDatabase(builder, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost" });
        return new IncidentsDbContext(builder.Options);
    }
}
