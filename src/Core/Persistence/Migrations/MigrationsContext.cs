using ChatOpsIncidents.Core.Persistence.Migrations.Postgres;
using ChatOpsIncidents.Core.Persistence.Migrations.Sqlite;

namespace ChatOpsIncidents.Core.Persistence.Migrations;

/// <summary>
/// The context a database is migrated with. EF Core finds migrations and the model snapshot by context type, so each
/// provider has a context of its own, with <see cref="IncidentsDbContext"/>'s model, used only to migrate and by
/// <c>dotnet ef</c>; everything else works with <see cref="IncidentsDbContext"/>.
/// </summary>
public static class MigrationsContext
{
    public static IncidentsDbContext For(DatabaseOptions options) => options.Provider == DatabaseProvider.Postgres
        ? new PostgresIncidentsDbContext(options)
        : new SqliteIncidentsDbContext(options);
}
