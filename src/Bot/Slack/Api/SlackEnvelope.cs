namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>What every Web API answer carries: <c>ok</c>, the <c>error</c> code, and details worth logging.</summary>
internal sealed record SlackEnvelope(
    bool Ok,
    string? Error = null,
    string? Warning = null,
    string? Needed = null,
    string? Provided = null,
    SlackResponseMetadata? ResponseMetadata = null);

/// <summary><c>response_metadata</c>: human-readable <c>messages</c> (why arguments were refused) and <c>warnings</c>.</summary>
internal sealed record SlackResponseMetadata(IReadOnlyList<string>? Messages = null, IReadOnlyList<string>? Warnings = null);
