using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResolvedByAndAnnouncementMessage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy_Id",
                table: "Incidents",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy_Kind",
                table: "Incidents",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy_Name",
                table: "Incidents",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy_OnBehalfOf",
                table: "Incidents",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnnouncementChannelId",
                table: "IncidentDeliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnnouncementMessageId",
                table: "IncidentDeliveries",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
