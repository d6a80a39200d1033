using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentSilences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SilenceId",
                table: "Incidents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SilenceUntilResolved",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "SilencedUntil",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_SilenceId",
                table: "Incidents",
                column: "SilenceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_SilenceId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SilenceId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SilenceUntilResolved",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SilencedUntil",
                table: "Incidents");
        }
    }
}
