namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>The parts of a <c>users.info</c> user the bot uses; <paramref name="Tz"/> is an IANA zone such as "Europe/Berlin".</summary>
public sealed record SlackUser(string Id, string Name, string? RealName = null, string? Tz = null, bool IsBot = false);
