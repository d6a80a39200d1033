using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AcknowledgedBy : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
