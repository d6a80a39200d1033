using ChatOpsIncidents.Core;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatOpsIncidents.Migrations;

/// <summary>The context <c>dotnet ef</c> works with for one provider's migrations; adding a migration opens no database.</summary>
public abstract class DesignTimeFactory(DatabaseOptions options) : IDesignTimeDbContextFactory<IncidentsDbContext>
{
    public IncidentsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<IncidentsDbContext>();
        CoreServiceCollectionExtensions.UseDatabase(builder, options);
        return new IncidentsDbContext(builder.Options);
    }
}
