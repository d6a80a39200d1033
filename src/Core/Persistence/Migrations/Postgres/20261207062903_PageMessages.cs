using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PageMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MessageChannel",
                table: "Pages",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MessageClosedAt",
                table: "Pages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageTs",
                table: "Pages",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pages_MessageChannel_MessageTs",
                table: "Pages",
                columns: new[] { "MessageChannel", "MessageTs" },
                filter: "\"MessageTs\" IS NOT NULL AND \"MessageClosedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Pages_MessageChannel_MessageTs",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "MessageChannel",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "MessageClosedAt",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "MessageTs",
                table: "Pages");
        }
    }
}
