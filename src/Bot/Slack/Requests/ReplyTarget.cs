namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// Where to tell a person something after Slack has had its answer: the interaction's <c>response_url</c> when there is one,
/// else an ephemeral message to <paramref name="UserId"/> in <paramref name="ChannelId"/>.
/// </summary>
public sealed record ReplyTarget(string UserId, string? ChannelId, string? ResponseUrl);
