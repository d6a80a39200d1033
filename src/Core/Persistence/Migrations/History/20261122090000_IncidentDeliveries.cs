using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatOpsIncidents.Core.Persistence.Migrations.History;

/// <summary>
/// The delivery cursor of each incident: how much of its timeline people have been told. Incidents that exist
/// already count as told, so turning delivery on does not replay their history.
/// </summary>
internal abstract class IncidentDeliveries : Migration
{
    public const string Id = "20261122090000_IncidentDeliveries";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        string timestamp = migrationBuilder.IsSqlite() ? "INTEGER" : "timestamp with time zone";

        migrationBuilder.CreateTable(
            name: "IncidentDeliveries",
            columns: table => new
            {
                IncidentId = table.Column<long>(nullable: false),
                DeliveredThroughEntryId = table.Column<long>(nullable: false),
                ChannelId = table.Column<string>(maxLength: 64, nullable: true),
                CardMessageId = table.Column<string>(maxLength: 64, nullable: true),
                Announced = table.Column<bool>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                NextAttemptAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                LastError = table.Column<string>(nullable: true),
                LeaseOwner = table.Column<string>(maxLength: 128, nullable: true),
                LeaseUntil = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IncidentDeliveries", x => x.IncidentId);
                table.ForeignKey("FK_IncidentDeliveries_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_IncidentDeliveries_NextAttemptAt", "IncidentDeliveries", "NextAttemptAt");
        migrationBuilder.CreateIndex("IX_IncidentDeliveries_ChannelId", "IncidentDeliveries", "ChannelId");

        migrationBuilder.Sql("""
            INSERT INTO "IncidentDeliveries" ("IncidentId", "DeliveredThroughEntryId", "Announced", "Attempts", "NextAttemptAt")
            SELECT i."Id", COALESCE((SELECT MAX(e."Id") FROM "TimelineEntries" e WHERE e."IncidentId" = i."Id"), 0), TRUE, 0, i."OpenedAt"
            FROM "Incidents" i
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("IncidentDeliveries");
}
