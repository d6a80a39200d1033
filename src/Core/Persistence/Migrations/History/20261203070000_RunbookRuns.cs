using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ChatOpsIncidents.Core.Persistence.Migrations.History;

/// <summary>
/// Runbook runs. The unique index over the active target is what lets one run per target go at a time across replicas:
/// NULL (a finished run) is never equal to anything, on both providers.
/// </summary>
internal abstract class RunbookRunsTable : Migration
{
    public const string Id = "20261203070000_RunbookRuns";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        string timestamp = migrationBuilder.IsSqlite() ? "INTEGER" : "timestamp with time zone";

        migrationBuilder.CreateTable(
            name: "RunbookRuns",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RunbookId = table.Column<string>(maxLength: 128, nullable: false),
                IncidentId = table.Column<long>(nullable: true),
                Target = table.Column<string>(maxLength: 300, nullable: false),
                ActiveTarget = table.Column<string>(maxLength: 300, nullable: true),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                Automatic = table.Column<bool>(nullable: false),
                StartedByKind = table.Column<string>(maxLength: 16, nullable: false),
                StartedById = table.Column<string>(maxLength: 128, nullable: false),
                StartedByName = table.Column<string>(maxLength: 256, nullable: true),
                StartedAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                FinishedAt = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
                HeartbeatAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                Owner = table.Column<string>(maxLength: 128, nullable: false),
                TriggerEntryId = table.Column<long>(nullable: true),
                Parameters = table.Column<string>(nullable: false),
                Steps = table.Column<string>(nullable: false),
                Outcome = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_RunbookRuns", x => x.Id));

        migrationBuilder.CreateIndex("IX_RunbookRuns_ActiveTarget", "RunbookRuns", "ActiveTarget", unique: true);
        migrationBuilder.CreateIndex("IX_RunbookRuns_RunbookId_TriggerEntryId", "RunbookRuns", ["RunbookId", "TriggerEntryId"], unique: true);
        migrationBuilder.CreateIndex("IX_RunbookRuns_RunbookId_StartedAt", "RunbookRuns", ["RunbookId", "StartedAt"]);
        migrationBuilder.CreateIndex("IX_RunbookRuns_Status", "RunbookRuns", "Status");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("RunbookRuns");
}
