using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"Database:Provider must be Sqlite or Postgres, was \"{options.Provider}\".");
        }
        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "ConnectionStrings:Incidents is required when Database:Provider is Postgres, e.g. \"Host=db;Database=incidents;Username=bot;Password=...\".");
        }
        if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            return ValidateOptionsResult.Fail("Database:SqlitePath must name the SQLite file, such as \"data/incidents.db\".");
        }
        return ValidateOptionsResult.Success;
    }
}
