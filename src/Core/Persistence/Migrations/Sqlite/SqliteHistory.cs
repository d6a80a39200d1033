using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatOpsIncidents.Core.Persistence.Migrations.Sqlite;

/// <summary>
/// The migrations written by hand before the EF Core tools were served (History/, shared by both providers), under the ids
/// existing databases list, for SqliteIncidentsDbContext.
/// </summary>
internal static class SqliteHistory
{
    [DbContext(typeof(SqliteIncidentsDbContext)), Migration(History.Initial.Id)]
    internal sealed class Initial : History.Initial;

    [DbContext(typeof(SqliteIncidentsDbContext)), Migration(History.IncidentDeliveries.Id)]
    internal sealed class IncidentDeliveries : History.IncidentDeliveries;

    [DbContext(typeof(SqliteIncidentsDbContext)), Migration(History.RunbookRunsTable.Id)]
    internal sealed class RunbookRunsTable : History.RunbookRunsTable;

    [DbContext(typeof(SqliteIncidentsDbContext)), Migration(History.EscalationsAndPostmortems.Id)]
    internal sealed class EscalationsAndPostmortems : History.EscalationsAndPostmortems;

    [DbContext(typeof(SqliteIncidentsDbContext)), Migration(History.PagesTable.Id)]
    internal sealed class PagesTable : History.PagesTable;
}
