using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatOpsIncidents.Core.Persistence.Migrations.History;

/// <summary>Database triggers that refuse UPDATE and DELETE on the timeline, whoever connects.</summary>
internal static class AppendOnlyTimeline
{
    private const string Message = "the incident timeline is append-only";

    public static void Create(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql($"CREATE TRIGGER \"TimelineEntries_NoUpdate\" BEFORE UPDATE ON \"TimelineEntries\" BEGIN SELECT RAISE(ABORT, '{Message}'); END;");
            migrationBuilder.Sql($"CREATE TRIGGER \"TimelineEntries_NoDelete\" BEFORE DELETE ON \"TimelineEntries\" BEGIN SELECT RAISE(ABORT, '{Message}'); END;");
            return;
        }
        migrationBuilder.Sql($"""
            CREATE FUNCTION timeline_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{Message}';
            END
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "TimelineEntries_AppendOnly" BEFORE UPDATE OR DELETE OR TRUNCATE ON "TimelineEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION timeline_entries_append_only();
            """);
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("DROP TRIGGER \"TimelineEntries_NoUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER \"TimelineEntries_NoDelete\";");
            return;
        }
        migrationBuilder.Sql("DROP TRIGGER \"TimelineEntries_AppendOnly\" ON \"TimelineEntries\";");
        migrationBuilder.Sql("DROP FUNCTION timeline_entries_append_only();");
    }
}
