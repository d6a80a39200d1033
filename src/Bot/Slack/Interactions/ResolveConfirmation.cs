using System.Diagnostics.CodeAnalysis;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// "Resolve INC-4? … 2 alerts are still firing." with Resolve and Cancel, the answer to <c>/incident resolve</c> while alerts
/// still fire: the card's warning, shown only to the person who typed it. Resolve carries the incident, that person and the
/// note (<c>"INC-4 U0DANA001 rolled back"</c>), so the press resolves as they asked and only for them. The note travels escaped
/// as Slack escapes command text, so no string the bot sends Slack holds a live <c>&lt;!channel&gt;</c> or link.
/// </summary>
internal sealed record ResolveConfirmation(IncidentKey Key, string UserId, string? Note)
{
    /// <summary>Room for the escaped note in the Resolve button's value, after the key and the user id.</summary>
    public const int MaxNote = BlockKitLimits.ButtonValue - 64;

    /// <summary>Whether <paramref name="note"/> fits the Resolve button once escaped.</summary>
    public static bool Carries(string? note) => note is null || Mrkdwn.Escape(note).Length <= MaxNote;

    public static SlackReply Render(Incident incident, string userId, string? note)
    {
        string question = $"Resolve *{incident.Key}*? {IncidentCard.ResolveWarning(incident)}";
        string value = note is null ? $"{incident.Key} {userId}" : $"{incident.Key} {userId} {Mrkdwn.Escape(note)}";
        return new SlackReply(question)
        {
            Blocks =
            [
                new SectionBlock(new MrkdwnText(question, Verbatim: true)),
                new ActionsBlock([
                    new ButtonElement(IncidentCardActions.ConfirmResolve, "Resolve", value) { Style = ButtonStyle.Danger },
                    new ButtonElement(IncidentCardActions.CancelResolve, "Cancel", incident.Key.ToString()),
                ]),
            ],
        };
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out ResolveConfirmation? confirmation)
    {
        string[] parts = (value ?? "").Split(' ', 3);
        confirmation = parts.Length >= 2 && IncidentKey.TryParse(parts[0], out IncidentKey key) && Mrkdwn.IsUserId(parts[1])
            ? new ResolveConfirmation(key, parts[1], parts.Length == 3 ? SlackCommandText.ToPlainText(parts[2]) : null)
            : null;
        return confirmation is not null;
    }
}
