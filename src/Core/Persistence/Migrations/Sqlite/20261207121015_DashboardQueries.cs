using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardQueries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Open",
                table: "Incidents",
                column: "Id",
                filter: "\"Status\" <> 'Resolved'");

            // Title search: an FTS5 index of the titles by trigrams (substrings of three or more characters, any case), kept in
            // step with the incidents by triggers. A migration that rebuilds "Incidents" drops the triggers: it must create them again.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "IncidentTitles" USING fts5("Title", content='Incidents', content_rowid='Id', tokenize='trigram');
                INSERT INTO "IncidentTitles"("IncidentTitles") VALUES ('rebuild');
                CREATE TRIGGER "Incidents_TitleAdded" AFTER INSERT ON "Incidents" BEGIN
                    INSERT INTO "IncidentTitles"(rowid, "Title") VALUES (new."Id", new."Title");
                END;
                CREATE TRIGGER "Incidents_TitleRemoved" AFTER DELETE ON "Incidents" BEGIN
                    INSERT INTO "IncidentTitles"("IncidentTitles", rowid, "Title") VALUES ('delete', old."Id", old."Title");
                END;
                CREATE TRIGGER "Incidents_TitleChanged" AFTER UPDATE OF "Title" ON "Incidents" BEGIN
                    INSERT INTO "IncidentTitles"("IncidentTitles", rowid, "Title") VALUES ('delete', old."Id", old."Title");
                    INSERT INTO "IncidentTitles"(rowid, "Title") VALUES (new."Id", new."Title");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Incidents_TitleChanged";
                DROP TRIGGER "Incidents_TitleRemoved";
                DROP TRIGGER "Incidents_TitleAdded";
                DROP TABLE "IncidentTitles";
                """);

            migrationBuilder.DropIndex(
                name: "IX_Incidents_Open",
                table: "Incidents");
        }
    }
}
