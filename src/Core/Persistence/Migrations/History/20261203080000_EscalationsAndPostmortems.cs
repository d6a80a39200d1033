using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatOpsIncidents.Core.Persistence.Migrations.History;

/// <summary>
/// Escalation state and postmortems, one row per incident, and whom a timeline entry is for (the people an escalation step
/// notifies, a reminder's addressee) with when an escalation step was due.
/// </summary>
internal abstract class EscalationsAndPostmortems : Migration
{
    public const string Id = "20261203080000_EscalationsAndPostmortems";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        string timestamp = migrationBuilder.IsSqlite() ? "INTEGER" : "timestamp with time zone";

        migrationBuilder.AddColumn<string>("Recipients", "TimelineEntries", nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>("DueAt", "TimelineEntries", type: timestamp, nullable: true);

        migrationBuilder.CreateTable(
            name: "IncidentEscalations",
            columns: table => new
            {
                IncidentId = table.Column<long>(nullable: false),
                Policy = table.Column<string>(maxLength: 128, nullable: false),
                TriggeredAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                StepsFired = table.Column<int>(nullable: false),
                NextStepAt = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IncidentEscalations", x => x.IncidentId);
                table.ForeignKey("FK_IncidentEscalations_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_IncidentEscalations_NextStepAt", "IncidentEscalations", "NextStepAt");

        migrationBuilder.CreateTable(
            name: "Postmortems",
            columns: table => new
            {
                IncidentId = table.Column<long>(nullable: false),
                ResolvedAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                Owner = table.Column<string>(maxLength: 64, nullable: true),
                RemindersSent = table.Column<int>(nullable: false),
                NextReminderAt = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
                CompletedAt = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
                Link = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Postmortems", x => x.IncidentId);
                table.ForeignKey("FK_Postmortems_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Postmortems_NextReminderAt", "Postmortems", "NextReminderAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Postmortems");
        migrationBuilder.DropTable("IncidentEscalations");
        migrationBuilder.DropColumn("DueAt", "TimelineEntries");
        migrationBuilder.DropColumn("Recipients", "TimelineEntries");
    }
}
