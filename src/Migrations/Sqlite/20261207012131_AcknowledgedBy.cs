using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy_Kind",
                table: "Incidents",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy_Name",
                table: "Incidents",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy_OnBehalfOf",
                table: "Incidents",
                type: "TEXT",
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
