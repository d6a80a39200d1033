using ChatOpsIncidents.Core.Escalation;

namespace ChatOpsIncidents.Bot.Api;

/// <summary>
/// One escalation page of an incident: whom (a Slack user id, or a Slack user group's @handle; an email address or Slack user
/// id, a phone number, a PagerDuty service's or webhook's name on the other channels), when it was due, and what became of
/// it: <c>pending</c>, <c>sent</c>, <c>not_needed</c>, <c>refused</c> or <c>handed_on</c>. <see cref="Channel"/> is <c>slack</c>,
/// <c>email</c>, <c>sms</c>, <c>pagerduty</c> or <c>webhook</c>; on the last two, <see cref="StatusTold"/> is the incident
/// status the receiver was last told (<c>triggered</c>, <c>acknowledged</c>, <c>resolved</c>). <see cref="FailedAttempts"/>
/// counts the failed attempts since the last success, <see cref="LastError"/> says why the last one failed.
/// </summary>
public sealed record PageView(
    string Recipient, DateTimeOffset DueAt, string Status, DateTimeOffset? FinishedAt, int FailedAttempts, string? LastError, string Channel, string? StatusTold)
{
    public static PageView From(Page page) => new(
        page.Recipient,
        page.DueAt,
        page.Outcome?.ToName() ?? "pending",
        page.FinishedAt,
        page.Attempts,
        page.LastError,
        page.Channel.ToName(),
        page.StatusTold?.ToString().ToLowerInvariant());
}
