namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>The parts of a conversation object the bot reads; direct messages have no name.</summary>
internal sealed record Conversation(string Id, string? Name = null);
