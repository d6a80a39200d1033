using ChatOpsIncidents.Bot.Slack.UserGroups;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Responders;

/// <summary>
/// Who may change an incident from Slack (acknowledge, resolve, severity, roles, notes, follow-ups): the users and user
/// groups of <c>Slack:Responders</c>, or everyone in the workspace when it is empty. Reading incidents stays open to all.
/// </summary>
internal sealed class IncidentResponders(IOptions<SlackOptions> options, SlackUserGroupMembership userGroups)
{
    public bool EveryoneMayChange => options.Value.Responders.Length == 0;

    /// <summary>Null when <paramref name="userId"/> may change incidents; otherwise the refusal to show them.</summary>
    public async Task<string?> RefusalForAsync(string userId, CancellationToken cancellationToken)
    {
        string[] responders = options.Value.Responders;
        if (EveryoneMayChange || responders.Contains(userId, StringComparer.Ordinal))
        {
            return null;
        }
        UserGroupHandles groups = responders.Any(responder => responder.StartsWith('@'))
            ? await userGroups.HandlesOfAsync(userId, cancellationToken)
            : new UserGroupHandles([], null);
        return groups.Allows(responders, userId)
            ? null
            : $"Only responders may change incidents here ({Describe(responders)}, set in Slack:Responders). Ask one of them.";
    }

    /// <summary>"&lt;@U024BE7LH&gt;, @oncall": users as mentions, groups by handle.</summary>
    public static string Describe(IEnumerable<string> responders) =>
        string.Join(", ", responders.Select(responder => responder.StartsWith('@') ? responder : $"<@{responder}>"));
}
