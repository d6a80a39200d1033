namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>conversations.setTopic</c> body.</summary>
internal sealed record SetTopicArguments(string Channel, string Topic);
