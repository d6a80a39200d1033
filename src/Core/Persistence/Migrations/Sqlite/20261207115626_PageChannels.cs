using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PageChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "Pages",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Slack"); // every page before this migration went to Slack

            migrationBuilder.AddColumn<string>(
                name: "StatusTold",
                table: "Pages",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pages_Following",
                table: "Pages",
                column: "NextAttemptAt",
                filter: "\"StatusTold\" IS NOT NULL AND \"StatusTold\" <> 'Resolved'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Pages_Following",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Pages");

            migrationBuilder.DropColumn(
                name: "StatusTold",
                table: "Pages");
        }
    }
}
