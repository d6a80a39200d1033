using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Faults;

internal static class FaultDatabase
{
    /// <summary>The bot settings (<paramref name="more"/> and) for a fresh database of <paramref name="provider"/>: a new PostgreSQL database, or the bot's own SQLite file.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(
        DatabaseProvider provider, PostgresServer postgres, CancellationToken cancellationToken, Dictionary<string, string?>? more = null)
    {
        Dictionary<string, string?> settings = more is null ? [] : new(more);
        if (provider == DatabaseProvider.Postgres)
        {
            postgres.RequireAvailable();
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Incidents"] = await postgres.CreateDatabaseAsync(cancellationToken);
        }
        return settings;
    }
}
