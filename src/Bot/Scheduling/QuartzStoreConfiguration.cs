using ChatOpsIncidents.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.AdoJobStore;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>
/// Points Quartz's store at the bot's database once the settings are final (they are read when the scheduler is built, not
/// when services are registered): on SQLite a file next to the incident database, so Quartz and the bot never wait on each
/// other's locks; on PostgreSQL the incident database itself, clustered, so each trigger fires on one replica.
/// </summary>
internal sealed class QuartzStoreConfiguration(IOptions<DatabaseOptions> database)
    : IPostConfigureOptions<DataSourceOptions>, IPostConfigureOptions<ClusteringOptions>, IPostConfigureOptions<AdoJobStoreOptions>
{
    private bool OnPostgres => database.Value.Provider == DatabaseProvider.Postgres;

    public void PostConfigure(string? name, DataSourceOptions options)
    {
        options.Provider = OnPostgres ? DataSourceOptions.Providers.Npgsql : DataSourceOptions.Providers.Sqlite;
        options.ConnectionString = OnPostgres ? database.Value.EffectiveConnectionString : SqliteConnectionString();
    }

    public void PostConfigure(string? name, ClusteringOptions options) => options.Enabled = OnPostgres;

    public void PostConfigure(string? name, AdoJobStoreOptions options)
    {
        options.SchemaProvisioning = SchemaProvisioning.CreateIfMissing;
        options.UseDbLocks = OnPostgres;
    }

    public IDriverDelegate CreateDriverDelegate() => OnPostgres ? new PostgreSQLDelegate() : new SQLiteDelegate();

    /// <summary>"data/incidents.db" → "data/incidents.scheduler.db", created readable by the bot's user only.</summary>
    private string SqliteConnectionString()
    {
        var builder = new SqliteConnectionStringBuilder(database.Value.EffectiveConnectionString);
        builder.DataSource = Path.ChangeExtension(builder.DataSource, ".scheduler.db");
        PrivateFiles.CreateFile(builder.DataSource);
        return builder.ToString();
    }
}
