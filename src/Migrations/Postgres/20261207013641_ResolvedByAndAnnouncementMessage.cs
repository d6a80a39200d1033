using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Migrations.Postgres
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
