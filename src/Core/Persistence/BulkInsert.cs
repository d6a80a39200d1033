using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// Inserts new rows of one entity type, each belonging to an incident, with one multi-row <c>INSERT … RETURNING</c> (per
/// chunk of parameters), values bound as parameters through the model's own type mappings (the conversions EF Core's save
/// applies), then tracks the rows as saved and tells the <see cref="AfterCommitInterceptor"/>s. For the hottest write path,
/// where EF Core's per-row save work costs more than the statements. The rows must not be tracked; a transaction must be open, as the rows commit with it.
/// </summary>
internal static class BulkInsert
{
    private const int MaxParameters = 10_000; // well under SQLite's 32 766 and PostgreSQL's 65 535

    /// <param name="rows">Each row with the id of its incident, set as its <paramref name="incidentIdProperty"/>.</param>
    public static async Task InsertAsync<T>(IncidentsDbContext db, IReadOnlyList<(T Row, long IncidentId)> rows, string incidentIdProperty, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Rows are inserted in bulk only inside a transaction.");
        }
        IEntityType type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        IProperty key = type.FindPrimaryKey()!.Properties.Single();
        IProperty[] columns = [.. type.GetProperties().Where(p => p != key)];
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        ISqlGenerationHelper sql = db.GetService<ISqlGenerationHelper>();
        string insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        string returning = $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)} AS {sql.DelimitIdentifier("Value")}";
        await using DbCommand parameterFactory = db.Database.GetDbConnection().CreateCommand();
        foreach ((T Row, long IncidentId)[] chunk in rows.Chunk(MaxParameters / columns.Length))
        {
            var text = new StringBuilder(insert);
            var parameters = new List<DbParameter>(chunk.Length * columns.Length);
            foreach ((T row, long incidentId) in chunk)
            {
                text.Append(parameters.Count == 0 ? "(" : ", (");
                foreach (IProperty column in columns)
                {
                    string name = string.Create(CultureInfo.InvariantCulture, $"@p{parameters.Count}");
                    object? value = column.Name == incidentIdProperty ? incidentId : column.GetGetter().GetClrValueUsingContainingEntity(row);
                    parameters.Add(column.GetRelationalTypeMapping().CreateParameter(parameterFactory, name, value, column.IsNullable));
                    text.Append(name).Append(column == columns[^1] ? ")" : ", ");
                }
            }
            List<long> ids;
            try
            {
                ids = await db.Database.SqlQueryRaw<long>(text.Append(returning).ToString(), [.. parameters]).ToListAsync(cancellationToken);
            }
            catch (DbException exception)
            {
                throw new DbUpdateException($"Inserting {chunk.Length} {type.GetTableName()} rows failed.", exception); // as EF Core's save reports it
            }
            // RETURNING lists the rows in no promised order, but both databases number the rows of one INSERT in the order of its VALUES.
            ids.Sort();
            for (int i = 0; i < chunk.Length; i++)
            {
                EntityEntry<T> entry = db.Entry(chunk[i].Row);
                entry.Property(key.Name).CurrentValue = ids[i];
                entry.Property(incidentIdProperty).CurrentValue = chunk[i].IncidentId;
                entry.State = EntityState.Unchanged;
            }
        }
        foreach (AfterCommitInterceptor interceptor in db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AfterCommitInterceptor>() ?? [])
        {
            interceptor.Inserted(db, typeof(T)); // as they would have seen them in a save
        }
    }
}
