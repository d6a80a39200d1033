using ChatOpsIncidents.TestSupport;

[assembly: AssemblyFixture(typeof(PostgresServer))]
