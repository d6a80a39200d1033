namespace ChatOpsIncidents.Core.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Incidents";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>From <c>ConnectionStrings:Incidents</c>; optional for SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file used when no connection string is given.</summary>
    public string SqlitePath { get; set; } = "data/incidents.db";

    public string EffectiveConnectionString => Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString)
        ? $"Data Source={SqlitePath}"
        : ConnectionString ?? "";
}
