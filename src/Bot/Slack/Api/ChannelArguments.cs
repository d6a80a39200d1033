namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>A body that names only a channel (<c>conversations.archive</c>).</summary>
internal sealed record ChannelArguments(string Channel);
