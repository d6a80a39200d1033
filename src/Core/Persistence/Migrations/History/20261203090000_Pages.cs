using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ChatOpsIncidents.Core.Persistence.Migrations.History;

/// <summary>Escalation pages: one row per person an escalation step notifies, sent apart from the incident's channel delivery.</summary>
internal abstract class PagesTable : Migration
{
    public const string Id = "20261203090000_Pages";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        string timestamp = migrationBuilder.IsSqlite() ? "INTEGER" : "timestamp with time zone";

        migrationBuilder.CreateTable(
            name: "Pages",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                IncidentId = table.Column<long>(nullable: false),
                Step = table.Column<string>(nullable: false),
                Recipient = table.Column<string>(maxLength: 64, nullable: false),
                DueAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                NextAttemptAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(nullable: true),
                LeaseOwner = table.Column<string>(maxLength: 128, nullable: true),
                LeaseUntil = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
                Outcome = table.Column<string>(maxLength: 16, nullable: true),
                FinishedAt = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Pages", x => x.Id);
                table.ForeignKey("FK_Pages_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Pages_NextAttemptAt", "Pages", "NextAttemptAt", filter: "\"FinishedAt\" IS NULL");
        migrationBuilder.CreateIndex("IX_Pages_Recipient_FinishedAt", "Pages", ["Recipient", "FinishedAt"]);
        migrationBuilder.CreateIndex("IX_Pages_IncidentId", "Pages", "IncidentId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Pages");
}
