using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_OpenedAt",
                table: "Incidents");

            migrationBuilder.CreateIndex(
                name: "IX_Postmortems_ResolvedAt_CompletedAt",
                table: "Postmortems",
                columns: new[] { "ResolvedAt", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ResponseTimes",
                table: "Incidents",
                columns: new[] { "OpenedAt", "Severity", "Service", "TriggeredAt", "AcknowledgedAt", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Service_Id",
                table: "Incidents",
                columns: new[] { "Service", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Postmortems_ResolvedAt_CompletedAt",
                table: "Postmortems");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_ResponseTimes",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_Service_Id",
                table: "Incidents");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OpenedAt",
                table: "Incidents",
                column: "OpenedAt");
        }
    }
}
