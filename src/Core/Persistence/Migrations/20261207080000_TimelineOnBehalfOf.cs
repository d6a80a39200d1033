using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatOpsIncidents.Core.Persistence.Migrations;

/// <summary>Whom an API client said it acted for, kept apart from the token it presented (who acted).</summary>
[DbContext(typeof(IncidentsDbContext))]
[Migration("20261207080000_TimelineOnBehalfOf")]
public sealed class TimelineOnBehalfOf : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "OnBehalfOf", table: "TimelineEntries", maxLength: 100, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "OnBehalfOf", table: "TimelineEntries");
}
