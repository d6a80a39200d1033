using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatOpsIncidents.Core.Persistence.Migrations;

/// <summary>The signed requests acted on, so that a replay acts once across replicas.</summary>
[DbContext(typeof(IncidentsDbContext))]
[Migration("20261207090000_HandledRequests")]
public sealed class HandledRequestsTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        string timestamp = migrationBuilder.IsSqlite() ? "INTEGER" : "timestamp with time zone";
        migrationBuilder.CreateTable(
            name: "HandledRequests",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 128, nullable: false),
                At = table.Column<DateTimeOffset>(type: timestamp, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_HandledRequests", x => x.Key));
        migrationBuilder.CreateIndex("IX_HandledRequests_At", "HandledRequests", "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("HandledRequests");
}
