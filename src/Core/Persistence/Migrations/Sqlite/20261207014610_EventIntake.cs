using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Integration = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Component = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Group = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Class = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Events");
        }
    }
}
