using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// What an incident channel hears of alert changes told together: one line for the alerts that fired and one for those
/// that resolved, such as "🟢 37 alerts resolved: A, B, C … and 34 more"; a single change keeps its own line
/// (<see cref="TimelineMessage"/>). Each alert keeps its own timeline entry: only the channel hears them together.
/// </summary>
internal static class AlertChangeLines
{
    private const int NamesShown = 3;
    private const int MaxNameLength = 100;

    private static readonly (TimelineEntryKind Kind, string Emoji, string Verb, string Prefix)[] s_kinds =
    [
        (TimelineEntryKind.AlertFiring, "🔥", "firing", "Alert firing: "),
        (TimelineEntryKind.AlertResolved, "🟢", "resolved", "Alert resolved: "),
    ];

    public static IEnumerable<string> Render(IReadOnlyList<TimelineEntry> changes)
    {
        foreach ((TimelineEntryKind kind, string emoji, string verb, string prefix) in s_kinds)
        {
            List<TimelineEntry> ofKind = [.. changes.Where(e => e.Kind == kind)];
            if (ofKind is [{ } single])
            {
                yield return TimelineMessage.Render(single)!;
            }
            else if (ofKind.Count > 1)
            {
                IEnumerable<string> names = ofKind.Take(NamesShown).Select(e => Name(e, prefix));
                int more = ofKind.Count - Math.Min(NamesShown, ofKind.Count);
                string rest = more > 0 ? $" … and {more} more" : "";
                yield return $"{emoji} {ofKind.Count} alerts {verb}: {string.Join(", ", names)}{rest}";
            }
        }
    }

    private static string Name(TimelineEntry change, string prefix)
    {
        string text = change.Text.ReplaceLineEndings(" ").Trim();
        string name = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..].Trim() : text;
        return Mrkdwn.Truncate(Mrkdwn.Escape(name), MaxNameLength);
    }
}
