using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The one-line mrkdwn message an incident channel gets for a timeline entry people care about, such as
/// "👀 &lt;@U024BE7LH&gt; acknowledged the incident"; null for entries the card alone shows (the opening) and for those
/// <see cref="Delivery.SlackIncidentNotifications"/> tells in their own way (the postmortem draft, reminders). Of a runbook
/// run only its end gets a line: the progress message, edited in place, already shows its start and each step.
/// </summary>
internal static class TimelineMessage
{
    private const int MaxLength = 3000;

    public static string? Render(TimelineEntry entry)
    {
        string actor = ActorMention.For(entry.Actor);
        string text = entry.Text.ReplaceLineEndings(" ").Trim();
        string? line = entry.Kind switch
        {
            TimelineEntryKind.Acknowledged => $"👀 {actor} acknowledged the incident",
            TimelineEntryKind.Assigned => After(text, "Assigned to ") is { } assignee
                ? $"🙋 {actor} assigned the incident to {Mrkdwn.User(assignee)}"
                : $"🙋 {actor}: {Mrkdwn.Escape(text)}",
            TimelineEntryKind.CommanderChanged => After(text, "Commander is now ") is { } commander
                ? $"🎖️ {actor} made {Mrkdwn.User(commander)} the incident commander"
                : $"🎖️ {actor}: {Mrkdwn.Escape(text)}",
            TimelineEntryKind.SeverityChanged => $"🎚️ {actor}: {Mrkdwn.Escape(text)}",
            TimelineEntryKind.Resolved => After(text, "Resolved: ") is { } note
                ? $"✅ {actor} resolved the incident: {Mrkdwn.Escape(note)}"
                : $"✅ {actor} resolved the incident",
            TimelineEntryKind.AutoResolved => $"✅ {Mrkdwn.Escape(text)}",
            TimelineEntryKind.MarkedNoise => $"🔕 {actor}: {Mrkdwn.Escape(text)}",
            TimelineEntryKind.Reopened => After(text, "Reopened: ") is { } reason
                ? $"🔁 {actor} reopened the incident: {Mrkdwn.Escape(reason)}"
                : $"🔁 {actor} reopened the incident",
            TimelineEntryKind.AlertFiring => $"🔥 {Mrkdwn.Escape(text)}",
            TimelineEntryKind.AlertResolved => $"🟢 {Mrkdwn.Escape(text)}",
            TimelineEntryKind.Note => $"📝 {actor}: {Text(entry, text)}",
            TimelineEntryKind.RunbookFinished => $"🛠️ {Mrkdwn.Escape(text)} (started by {actor})",
            TimelineEntryKind.RunbookRefused => $"⛔ {Mrkdwn.Escape(text)}",
            TimelineEntryKind.EscalationStep => entry.RecipientIds.Count > 0
                ? $"🚨 Paging {People(entry)} — {new PeopleInText(entry.RecipientIds).Show(Mrkdwn.Escape(text), Mrkdwn.User)}"
                : $"🚨 {Mrkdwn.Escape(text)}",
            TimelineEntryKind.EscalationSkipped => $"⏭️ {Mrkdwn.Escape(text)}",
            TimelineEntryKind.EscalationStopped => $"⏹️ {actor} is working on the incident: escalation stopped",
            TimelineEntryKind.EscalationExhausted or TimelineEntryKind.PageRefused => $"⚠️ {Mrkdwn.Escape(text)}",
            TimelineEntryKind.PostmortemOverdue => $"⏰ {Mrkdwn.Escape(text)}",
            TimelineEntryKind.PostmortemNotNeeded => $"📘 {Mrkdwn.Escape(text)}",
            TimelineEntryKind.SloBudgetRead => $"📉 {Mrkdwn.Escape(text)}",
            TimelineEntryKind.StormJoined or TimelineEntryKind.StormEnded => $"🌪️ {Mrkdwn.Escape(text)}",
            TimelineEntryKind.Silenced => $"🔕 {actor}: {Mrkdwn.Escape(text)}",
            TimelineEntryKind.SilenceLifted => $"🔔 {Mrkdwn.Escape(text)}",
            TimelineEntryKind.OwnChannelGiven => $"📣 {actor} gave the incident a channel of its own",
            TimelineEntryKind.PostmortemCompleted => After(text, "Postmortem done: ") is { } link
                ? $"📘 {actor} marked the postmortem done: {Mrkdwn.Link(link, link)}"
                : $"📘 {actor}: {Mrkdwn.Escape(text)}",
            TimelineEntryKind.FollowUpAdded => entry.RecipientIds.Count > 0
                ? $"📌 {actor} added a follow-up for {People(entry)}: {Mrkdwn.Escape(text)}"
                : $"📌 {actor} added a follow-up: {Mrkdwn.Escape(text)}",
            TimelineEntryKind.FollowUpIssue => entry.RecipientIds.Count > 0
                ? $"🔗 {People(entry)}: {Mrkdwn.Escape(text)}"
                : $"🔗 {Mrkdwn.Escape(text)}",
            _ => null,
        };
        return line is null ? null : Mrkdwn.Truncate(line, MaxLength);
    }

    /// <summary>
    /// The entry's text as mrkdwn: escaped, except that a note a person typed in Slack keeps the user mentions they wrote
    /// (the API, alerts and the bot's own entries never mention anyone through their text).
    /// </summary>
    public static string Text(TimelineEntry entry, string text) => entry is { Kind: TimelineEntryKind.Note, ActorKind: ActorKind.SlackUser }
        ? Mrkdwn.EscapeKeepingUserMentions(text)
        : Mrkdwn.Escape(text);

    private static string People(TimelineEntry entry) => string.Join(", ", entry.RecipientIds.Select(Mrkdwn.User));

    /// <summary>What follows <paramref name="prefix"/> in the entry text Core wrote, or null when the text has another shape.</summary>
    private static string? After(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length ? text[prefix.Length..].Trim() : null;
}
