namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres;

/// <summary>The context PostgreSQL databases are migrated with: the migrations in this folder and its snapshot belong to it.</summary>
public sealed class PostgresIncidentsDbContext(DatabaseOptions options) : IncidentsDbContext(options);
