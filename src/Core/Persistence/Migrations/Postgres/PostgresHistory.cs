using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatOpsIncidents.Core.Persistence.Migrations.Postgres;

/// <summary>
/// The migrations written by hand before the EF Core tools were served (History/, shared by both providers), under the ids
/// existing databases list, for PostgresIncidentsDbContext.
/// </summary>
internal static class PostgresHistory
{
    [DbContext(typeof(PostgresIncidentsDbContext)), Migration(History.Initial.Id)]
    internal sealed class Initial : History.Initial;

    [DbContext(typeof(PostgresIncidentsDbContext)), Migration(History.IncidentDeliveries.Id)]
    internal sealed class IncidentDeliveries : History.IncidentDeliveries;

    [DbContext(typeof(PostgresIncidentsDbContext)), Migration(History.RunbookRunsTable.Id)]
    internal sealed class RunbookRunsTable : History.RunbookRunsTable;

    [DbContext(typeof(PostgresIncidentsDbContext)), Migration(History.EscalationsAndPostmortems.Id)]
    internal sealed class EscalationsAndPostmortems : History.EscalationsAndPostmortems;

    [DbContext(typeof(PostgresIncidentsDbContext)), Migration(History.PagesTable.Id)]
    internal sealed class PagesTable : History.PagesTable;
}
