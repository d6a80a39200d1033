using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Migrations.Postgres;

public sealed class PostgresDesignTimeFactory() : DesignTimeFactory(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost" });
