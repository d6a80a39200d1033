using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

public sealed class StormDeliveryOnPostgresTests(PostgresServer postgres) : StormDeliveryTests(DatabaseProvider.Postgres, postgres);
