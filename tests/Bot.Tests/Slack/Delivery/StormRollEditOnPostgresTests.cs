using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

public sealed class StormRollEditOnPostgresTests(PostgresServer postgres) : StormRollEditTests(DatabaseProvider.Postgres, postgres);
