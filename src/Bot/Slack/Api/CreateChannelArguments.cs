namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>conversations.create</c> body.</summary>
internal sealed record CreateChannelArguments(string Name, bool IsPrivate);
