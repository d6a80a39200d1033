namespace ChatOpsIncidents.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
