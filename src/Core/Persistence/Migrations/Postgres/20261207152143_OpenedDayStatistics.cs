using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres
{
    /// <summary>
    /// How many UTC days the incidents were opened on: with it PostgreSQL expects a few rows a day from the dashboard's sums per
    /// day (IncidentStatisticsService), and sums them in a hash table, instead of expecting one per incident and sorting them
    /// all (to disk, at the default work_mem). The model cannot describe statistics: this migration alone makes them.
    /// </summary>
    public partial class OpenedDayStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE STATISTICS "ST_Incidents_OpenedDay" ON (date_trunc('day', "OpenedAt" AT TIME ZONE 'UTC')) FROM "Incidents";""");
            migrationBuilder.Sql("""ANALYZE "Incidents";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP STATISTICS "ST_Incidents_OpenedDay";""");
        }
    }
}
