namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite;

/// <summary>The context SQLite databases are migrated with: the migrations in this folder and its snapshot belong to it.</summary>
public sealed class SqliteIncidentsDbContext(DatabaseOptions options) : IncidentsDbContext(options);
