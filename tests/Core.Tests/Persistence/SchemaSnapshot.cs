using System.Data.Common;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Tests.Persistence;

/// <summary>
/// The tables, columns and indexes of a database, as sorted lines, so two schemas can be compared. SQLite's full-text table of
/// the titles ("IncidentTitles" and its shadow tables) is left out: the model cannot describe it, its migration makes it.
/// </summary>
internal static class SchemaSnapshot
{
    private const string SqliteColumns = """
        SELECT m.name || '.' || p.name || ' ' || p.type || CASE WHEN p."notnull" THEN ' not null' ELSE '' END || CASE WHEN p.pk THEN ' pk' ELSE '' END
        FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\_\_EF%' ESCAPE '\' AND m.name NOT LIKE 'IncidentTitles%'
        """;

    private const string SqliteIndexes = """
        SELECT 'index ' || name || ': ' || sql FROM sqlite_master
        WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE '\_\_EF%' ESCAPE '\'
        """;

    private const string PostgresColumns = """
        SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
            || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END || CASE WHEN is_identity = 'YES' THEN ' identity' ELSE '' END
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
        """;

    private const string PostgresIndexes = """
        SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%'
        """;

    public static async Task<List<string>> ReadAsync(IncidentsDbContext context, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        (string columns, string indexes) = provider == DatabaseProvider.Sqlite ? (SqliteColumns, SqliteIndexes) : (PostgresColumns, PostgresIndexes);
        List<string> lines = [.. await QueryAsync(context, columns, cancellationToken), .. await QueryAsync(context, indexes, cancellationToken)];
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> QueryAsync(IncidentsDbContext context, string sql, CancellationToken cancellationToken)
    {
        DbConnection connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        List<string> lines = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0).Replace("CREATE UNIQUE INDEX IF NOT EXISTS", "CREATE UNIQUE INDEX", StringComparison.Ordinal));
        }
        return lines;
    }
}
