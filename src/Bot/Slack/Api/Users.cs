namespace ChatOpsIncidents.Bot.Slack.Api;

// The users.* and usergroups.* methods: the parts of their answers the bot reads.

/// <summary><c>users.info</c> and <c>users.lookupByEmail</c> answer.</summary>
internal sealed record UserInfoResponse(SlackUser User);

/// <summary>
/// The parts of a <c>users.info</c> user the bot uses; <paramref name="Tz"/> is an IANA zone such as "Europe/Berlin", and
/// <paramref name="Deleted"/> is true for a deactivated account.
/// </summary>
public sealed record SlackUser(string Id, string Name, string? RealName = null, string? Tz = null, bool IsBot = false, SlackUserProfile? Profile = null, bool Deleted = false);

/// <summary>The part of a user's profile the bot uses: the email address, which Slack shows only to apps with <c>users:read.email</c>.</summary>
public sealed record SlackUserProfile(string? Email = null);

/// <summary><c>usergroups.list</c> answer (asked with <c>include_users</c>).</summary>
internal sealed record UserGroupsResponse(IReadOnlyList<SlackUserGroup> Usergroups);

/// <summary>
/// The parts of a <c>usergroups.list</c> user group the bot uses: its handle (without the @) and its members' ids, which
/// Slack sends only when asked with <c>include_users</c>.
/// </summary>
public sealed record SlackUserGroup(string Id, string Handle, IReadOnlyList<string>? Users = null);
