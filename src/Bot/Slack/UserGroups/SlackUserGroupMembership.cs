using ChatOpsIncidents.Bot.Slack.Api;

namespace ChatOpsIncidents.Bot.Slack.UserGroups;

/// <summary>
/// Who is in which Slack user group (<c>@sre-oncall</c>): for runbooks whose <c>allowed</c> names a group, and for escalation
/// steps that page one. Read with <c>usergroups.list</c> and kept for a minute, so membership changes count within a minute
/// and a busy incident costs Slack one call a minute. A failed read is not kept: the next question asks Slack again.
/// </summary>
internal sealed partial class SlackUserGroupMembership(ISlackApi slack, TimeProvider time, ILogger<SlackUserGroupMembership> logger) : IDisposable
{
    private static readonly TimeSpan s_kept = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private IReadOnlyList<SlackUserGroup> _groups = [];
    private DateTimeOffset? _readAt;

    /// <summary>
    /// The handles (without the @) of the groups <paramref name="userId"/> is in, and of all the workspace's groups. When
    /// Slack cannot tell (no <c>usergroups:read</c> scope, a plan without user groups, an outage) the person is in no group
    /// and the workspace's groups are unknown: a guard refuses rather than guesses.
    /// </summary>
    public async Task<UserGroupHandles> HandlesOfAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<SlackUserGroup> groups = await GroupsAsync(cancellationToken);
            return new UserGroupHandles(
                [.. groups.Where(group => group.Users?.Contains(userId, StringComparer.Ordinal) == true).Select(group => group.Handle)],
                [.. groups.Select(group => group.Handle)]);
        }
        catch (SlackApiException exception)
        {
            LogUnreadable(logger, exception.Error);
            return new UserGroupHandles([], null);
        }
    }

    /// <summary>
    /// The members of the group with <paramref name="handle"/> (without the @); empty when there is no such group. Throws
    /// <see cref="SlackApiException"/> when Slack cannot tell, so that a page is put off or reported, never silently dropped.
    /// </summary>
    public async Task<IReadOnlyList<string>> MembersOfAsync(string handle, CancellationToken cancellationToken)
    {
        IReadOnlyList<SlackUserGroup> groups = await GroupsAsync(cancellationToken);
        return groups.FirstOrDefault(group => string.Equals(group.Handle, handle, StringComparison.OrdinalIgnoreCase))?.Users ?? [];
    }

    private async Task<IReadOnlyList<SlackUserGroup>> GroupsAsync(CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_readAt is not { } readAt || time.GetUtcNow() - readAt >= s_kept)
            {
                _groups = await slack.ListUserGroupsAsync(cancellationToken);
                _readAt = time.GetUtcNow();
            }
            return _groups;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();

    [LoggerMessage(EventId = 2271, Level = LogLevel.Warning, Message = "Slack did not list its user groups ({Error}); runbooks allowed to a group are refused to everyone not named. Give the app the usergroups:read scope")]
    private static partial void LogUnreadable(ILogger logger, string error);
}

/// <summary>The groups a person is in, and all the workspace's groups (null when Slack could not tell); handles without the @.</summary>
internal sealed record UserGroupHandles(IReadOnlyList<string> Member, IReadOnlyList<string>? Existing)
{
    /// <summary>Whether <paramref name="allowed"/> (user ids and @handles) names <paramref name="userId"/> or one of their groups.</summary>
    public bool Allows(IEnumerable<string> allowed, string userId) => allowed.Any(entry => entry == userId
        || (entry.StartsWith('@') && Member.Contains(entry[1..], StringComparer.OrdinalIgnoreCase)));
}
