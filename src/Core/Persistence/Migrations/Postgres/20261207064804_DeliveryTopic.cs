using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TopicDueAt",
                table: "IncidentDeliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TopicSetAt",
                table: "IncidentDeliveries",
                type: "timestamp with time zone",
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
