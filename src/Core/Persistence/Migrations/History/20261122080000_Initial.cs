using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ChatOpsIncidents.Core.Persistence.Migrations.History;

/// <summary>
/// Incidents, their alerts and their append-only timeline. One migration set serves both providers: column
/// types follow the provider's mapping of each CLR type, except timestamps, which SQLite keeps as UTC ticks.
/// </summary>
internal abstract class Initial : Migration
{
    public const string Id = "20261122080000_Initial";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        string timestamp = migrationBuilder.IsSqlite() ? "INTEGER" : "timestamp with time zone";

        migrationBuilder.CreateTable(
            name: "Incidents",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Source = table.Column<string>(maxLength: 16, nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Description = table.Column<string>(nullable: true),
                Severity = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                Service = table.Column<string>(nullable: true),
                Environment = table.Column<string>(nullable: true),
                Namespace = table.Column<string>(nullable: true),
                Commander = table.Column<string>(nullable: true),
                Assignee = table.Column<string>(nullable: true),
                GroupKey = table.Column<string>(nullable: true),
                GroupKeyHash = table.Column<string>(maxLength: 64, nullable: true),
                Receiver = table.Column<string>(nullable: true),
                ExternalUrl = table.Column<string>(nullable: true),
                CommonLabels = table.Column<string>(nullable: false),
                DetectedAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                OpenedAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                TriggeredAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                AcknowledgedAt = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
                ResolvedAt = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
                ReopenCount = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Incidents", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Alerts",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                IncidentId = table.Column<long>(nullable: false),
                Fingerprint = table.Column<string>(maxLength: 64, nullable: false),
                Status = table.Column<string>(maxLength: 16, nullable: false),
                Labels = table.Column<string>(nullable: false),
                Annotations = table.Column<string>(nullable: false),
                StartsAt = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                EndsAt = table.Column<DateTimeOffset>(type: timestamp, nullable: true),
                GeneratorUrl = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Alerts", x => x.Id);
                table.ForeignKey("FK_Alerts_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "TimelineEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                IncidentId = table.Column<long>(nullable: false),
                At = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                ActorKind = table.Column<string>(maxLength: 16, nullable: false),
                ActorId = table.Column<string>(maxLength: 128, nullable: false),
                ActorName = table.Column<string>(maxLength: 256, nullable: true),
                Text = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TimelineEntries", x => x.Id);
                table.ForeignKey("FK_TimelineEntries_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_Incidents_OpenGroupKeyHash", "Incidents", "GroupKeyHash", unique: true, filter: "\"Status\" <> 'Resolved'");
        migrationBuilder.CreateIndex("IX_Incidents_GroupKeyHash_Id", "Incidents", ["GroupKeyHash", "Id"]);
        migrationBuilder.CreateIndex("IX_Incidents_Status_Severity", "Incidents", ["Status", "Severity"]);
        migrationBuilder.CreateIndex("IX_Incidents_OpenedAt", "Incidents", "OpenedAt");
        migrationBuilder.CreateIndex("IX_Alerts_IncidentId_Fingerprint", "Alerts", ["IncidentId", "Fingerprint"], unique: true);
        migrationBuilder.CreateIndex("IX_TimelineEntries_IncidentId_Id", "TimelineEntries", ["IncidentId", "Id"]);

        AppendOnlyTimeline.Create(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        AppendOnlyTimeline.Drop(migrationBuilder);
        migrationBuilder.DropTable("TimelineEntries");
        migrationBuilder.DropTable("Alerts");
        migrationBuilder.DropTable("Incidents");
    }
}
