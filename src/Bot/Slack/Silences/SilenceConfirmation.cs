using System.Diagnostics.CodeAnalysis;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Silences;

/// <summary>
/// "Silence INC-4 for 4h? Alertmanager will hold back every alert matching …" with Silence and Cancel, shown only to the
/// person who asked (<c>/incident silence</c> or the card's menu) before anything is made. Silence carries the incident,
/// that person, the length and the reason (<c>"INC-4 U0DANA001 4h deploying"</c>), so the press makes what they saw, for
/// them alone; the reason travels escaped, as Slack escapes command text.
/// </summary>
internal sealed record SilenceConfirmation(IncidentKey Key, string UserId, SilenceLength Length, string? Reason)
{
    /// <summary>
    /// The longest reason a silence takes: it becomes the silence's comment and travels escaped in the Silence button, where
    /// even a reason of nothing but "&amp;" (five characters escaped) fits.
    /// </summary>
    public const int MaxReason = 300;

    public static SlackReply Render(SilencePlan plan, IncidentKey key, string userId, SilenceLength length, string? reason)
    {
        if (plan.Refusal is { } refusal)
        {
            return new SlackReply(Mrkdwn.Escape(refusal));
        }
        string matchers = string.Join(", ", plan.Matchers.Select(matcher => $"`{Mrkdwn.Escape(matcher.Name)}=\"{Mrkdwn.Escape(matcher.Value)}\"`"));
        string until = length.UntilResolved ? $"until it is resolved (at the latest {Mrkdwn.Date(plan.EndsAt)})" : $"for {length.Text}, until {Mrkdwn.Date(plan.EndsAt)}";
        string comment = reason is null ? key.ToString() : $"{key}: {Mrkdwn.Escape(reason)}";
        string question = $"Silence *{key}* {until}? Alertmanager will hold back every alert matching {matchers}. Comment: “{comment}”.";
        string value = $"{key} {userId} {length.Text}" + (reason is null ? "" : $" {Mrkdwn.Escape(reason)}");
        return new SlackReply(question)
        {
            Blocks =
            [
                new SectionBlock(new MrkdwnText(question, Verbatim: true)),
                new ActionsBlock([
                    new ButtonElement(SilenceActions.Confirm, "Silence", value) { Style = ButtonStyle.Primary },
                    new ButtonElement(SilenceActions.Cancel, "Cancel", key.ToString()),
                ]),
            ],
        };
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out SilenceConfirmation? confirmation)
    {
        string[] parts = (value ?? "").Split(' ', 4);
        confirmation = parts.Length >= 3 && IncidentKey.TryParse(parts[0], out IncidentKey key) && Mrkdwn.IsUserId(parts[1])
            && SilenceLength.TryParse(parts[2], out SilenceLength length)
            ? new SilenceConfirmation(key, parts[1], length, parts.Length == 4 ? SlackCommandText.ToPlainText(parts[3]) : null)
            : null;
        return confirmation is not null;
    }

    /// <summary>What the person is told once Alertmanager made the silence, or why it did not.</summary>
    public static string Outcome(IncidentKey key, SilenceOutcome outcome) => outcome switch
    {
        { Refusal: { } refusal } => $"⚠️ {Mrkdwn.Escape(refusal)}",
        { EndsAt: { } endsAt } => $"🔕 Silenced the alerts of *{key}* until {Mrkdwn.Date(endsAt)} (silence `{Mrkdwn.Escape(outcome.SilenceId ?? "")}`).",
        _ => $"🔔 Lifted the silence `{Mrkdwn.Escape(outcome.SilenceId ?? "")}` of *{key}*: its alerts page again.",
    };
}
