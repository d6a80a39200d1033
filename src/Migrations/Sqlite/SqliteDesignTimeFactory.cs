using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Migrations.Sqlite;

public sealed class SqliteDesignTimeFactory() : DesignTimeFactory(new DatabaseOptions { Provider = DatabaseProvider.Sqlite });
