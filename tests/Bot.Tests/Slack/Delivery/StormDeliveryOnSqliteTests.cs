using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

public sealed class StormDeliveryOnSqliteTests() : StormDeliveryTests(DatabaseProvider.Sqlite, postgres: null);
