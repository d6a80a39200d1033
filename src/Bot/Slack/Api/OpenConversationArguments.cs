namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>conversations.open</c> body: <paramref name="Users"/> comma-separated.</summary>
internal sealed record OpenConversationArguments(string Users);
