using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlertStorms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "StormIncidentId",
                table: "Incidents",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Storms",
                columns: table => new
                {
                    IncidentId = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Ongoing = table.Column<bool>(type: "boolean", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Storms", x => x.IncidentId);
                    table.ForeignKey(
                        name: "FK_Storms_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_StormIncidentId",
                table: "Incidents",
                column: "StormIncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Storms_DueAt",
                table: "Storms",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_Storms_Ongoing",
                table: "Storms",
                column: "Ongoing",
                unique: true,
                filter: "\"Ongoing\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Storms");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_StormIncidentId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "StormIncidentId",
                table: "Incidents");
        }
    }
}
