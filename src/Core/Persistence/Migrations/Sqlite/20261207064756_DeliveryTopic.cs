using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryTopic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TopicDigest",
                table: "IncidentDeliveries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TopicDueAt",
                table: "IncidentDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TopicSetAt",
                table: "IncidentDeliveries",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TopicDigest",
                table: "IncidentDeliveries");

            migrationBuilder.DropColumn(
                name: "TopicDueAt",
                table: "IncidentDeliveries");

            migrationBuilder.DropColumn(
                name: "TopicSetAt",
                table: "IncidentDeliveries");
        }
    }
}
