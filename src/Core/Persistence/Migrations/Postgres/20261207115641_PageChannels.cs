using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PageChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Recipient",
                table: "Pages",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "Pages",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Slack"); // every page before this migration went to Slack

            migrationBuilder.AddColumn<string>(
                name: "StatusTold",
                table: "Pages",
                type: "character varying(16)",
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

            migrationBuilder.AlterColumn<string>(
                name: "Recipient",
                table: "Pages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254);
        }
    }
}
