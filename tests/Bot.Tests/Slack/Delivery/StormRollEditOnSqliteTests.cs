using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

public sealed class StormRollEditOnSqliteTests() : StormRollEditTests(DatabaseProvider.Sqlite, postgres: null);
