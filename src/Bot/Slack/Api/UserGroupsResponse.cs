namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary><c>usergroups.list</c> answer (asked with <c>include_users</c>).</summary>
internal sealed record UserGroupsResponse(IReadOnlyList<SlackUserGroup> Usergroups);
