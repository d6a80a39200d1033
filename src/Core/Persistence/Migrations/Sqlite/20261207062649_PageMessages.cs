using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MessageClosedAt",
                table: "Pages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageTs",
                table: "Pages",
                type: "TEXT",
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
