using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentSlos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IncidentSlos",
                columns: table => new
                {
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    SloId = table.Column<string>(type: "TEXT", nullable: false),
                    Objective = table.Column<double>(type: "REAL", nullable: false),
                    ReadingDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AtOpen_At = table.Column<long>(type: "INTEGER", nullable: true),
                    AtOpen_BudgetRemaining = table.Column<double>(type: "REAL", nullable: true),
                    AtOpen_BurnRate = table.Column<double>(type: "REAL", nullable: true),
                    AtOpen_Unknown = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: true),
                    AtResolve_At = table.Column<long>(type: "INTEGER", nullable: true),
                    AtResolve_BudgetRemaining = table.Column<double>(type: "REAL", nullable: true),
                    AtResolve_BurnRate = table.Column<double>(type: "REAL", nullable: true),
                    AtResolve_Unknown = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: true)
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

            migrationBuilder.CreateIndex(
                name: "IX_IncidentSlos_ReadingDueAt",
                table: "IncidentSlos",
                column: "ReadingDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentSlos_SloId",
                table: "IncidentSlos",
                column: "SloId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentSlos");
        }
    }
}
