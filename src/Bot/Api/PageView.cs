using ChatOpsIncidents.Core.Escalation;

namespace ChatOpsIncidents.Bot.Api;

/// <summary>
/// One escalation page of an incident: whom (a Slack user id, or a Slack user group's @handle), when it was due, and what
/// became of it: <c>pending</c>, <c>sent</c>, <c>not_needed</c>, <c>refused</c> or <c>handed_on</c>.
/// </summary>
public sealed record PageView(string Recipient, DateTimeOffset DueAt, string Status, DateTimeOffset? FinishedAt, int FailedAttempts, string? LastError)
{
    public static PageView From(Page page) => new(
        page.Recipient,
        page.DueAt,
        page.Outcome?.ToName() ?? "pending",
        page.FinishedAt,
        page.Attempts,
        page.LastError);
}
