using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ResponderNamesPendingRunsSlosAndEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy_Id",
                table: "Incidents",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy_Kind",
                table: "Incidents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy_Name",
                table: "Incidents",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy_OnBehalfOf",
                table: "Incidents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy_Id",
                table: "Incidents",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy_Kind",
                table: "Incidents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy_Name",
                table: "Incidents",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy_OnBehalfOf",
                table: "Incidents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnnouncementChannelId",
                table: "IncidentDeliveries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnnouncementMessageId",
                table: "IncidentDeliveries",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Integration = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DedupKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Summary = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Source = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Component = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Group = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Class = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Url = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    Details = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IncidentId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Events_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "IncidentSlos",
                columns: table => new
                {
                    IncidentId = table.Column<long>(type: "bigint", nullable: false),
                    SloId = table.Column<string>(type: "text", nullable: false),
                    Objective = table.Column<double>(type: "double precision", nullable: false),
                    ReadingDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AtOpen_At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AtOpen_BudgetRemaining = table.Column<double>(type: "double precision", nullable: true),
                    AtOpen_BurnRate = table.Column<double>(type: "double precision", nullable: true),
                    AtOpen_Unknown = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: true),
                    AtResolve_At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AtResolve_BudgetRemaining = table.Column<double>(type: "double precision", nullable: true),
                    AtResolve_BurnRate = table.Column<double>(type: "double precision", nullable: true),
                    AtResolve_Unknown = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentSlos", x => x.IncidentId);
                    table.ForeignKey(
                        name: "FK_IncidentSlos_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PendingRunbookRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunbookId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    IncidentId = table.Column<long>(type: "bigint", nullable: true),
                    Parameters = table.Column<string>(type: "text", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConsumedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingRunbookRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Events_DedupKey",
                table: "Events",
                column: "DedupKey");

            migrationBuilder.CreateIndex(
                name: "IX_Events_IncidentId",
                table: "Events",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ReceivedAt",
                table: "Events",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentSlos_ReadingDueAt",
                table: "IncidentSlos",
                column: "ReadingDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentSlos_SloId",
                table: "IncidentSlos",
                column: "SloId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingRunbookRuns_ExpiresAt",
                table: "PendingRunbookRuns",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "IncidentSlos");

            migrationBuilder.DropTable(
                name: "PendingRunbookRuns");

            migrationBuilder.DropColumn(
                name: "AcknowledgedBy_Id",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AcknowledgedBy_Kind",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AcknowledgedBy_Name",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AcknowledgedBy_OnBehalfOf",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ResolvedBy_Id",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ResolvedBy_Kind",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ResolvedBy_Name",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ResolvedBy_OnBehalfOf",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AnnouncementChannelId",
                table: "IncidentDeliveries");

            migrationBuilder.DropColumn(
                name: "AnnouncementMessageId",
                table: "IncidentDeliveries");
        }
    }
}
