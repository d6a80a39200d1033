namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// The parts of a <c>usergroups.list</c> user group the bot uses: its handle (without the @) and its members' ids, which
/// Slack sends only when asked with <c>include_users</c>.
/// </summary>
public sealed record SlackUserGroup(string Id, string Handle, IReadOnlyList<string>? Users = null);
