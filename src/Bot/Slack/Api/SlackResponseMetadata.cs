namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>response_metadata</c>: human-readable <c>messages</c> (why arguments were refused) and <c>warnings</c>.</summary>
internal sealed record SlackResponseMetadata(IReadOnlyList<string>? Messages = null, IReadOnlyList<string>? Warnings = null);
