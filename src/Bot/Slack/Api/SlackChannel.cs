namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>A channel Slack created: its id (<c>C…</c>) and the name it got.</summary>
public sealed record SlackChannel(string Id, string Name);
