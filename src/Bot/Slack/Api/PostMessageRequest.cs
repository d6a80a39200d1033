using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// <c>chat.postMessage</c> arguments. <paramref name="Text"/> is the notification and accessibility fallback when
/// <paramref name="Blocks"/> are given; keep it under 4000 characters.
/// </summary>
public sealed record PostMessageRequest(string Channel, string Text, IReadOnlyList<Block>? Blocks = null, string? ThreadTs = null);
