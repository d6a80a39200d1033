namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>What every Web API answer carries: <c>ok</c>, the <c>error</c> code, and details worth logging.</summary>
internal sealed record SlackEnvelope(
    bool Ok,
    string? Error = null,
    string? Warning = null,
    string? Needed = null,
    string? Provided = null,
    SlackResponseMetadata? ResponseMetadata = null);
