using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The alerts part of the incident card: firing alerts first, then resolved ones, one section each, and a count of those
/// left out when they do not all fit.
/// </summary>
internal static class IncidentCardAlerts
{
    /// <summary>More would bury the card's buttons under a wall of alerts; the rest are counted, and Alertmanager lists them all.</summary>
    public const int MaxShown = 20;

    private const int MaxHeadline = 300;
    private const int MaxDescription = 600;
    private const int MaxLabelName = 50;
    private const int MaxLabelValue = 100;

    /// <param name="labels">The labels worth a glance, in order; job only when there is no service label.</param>
    /// <param name="blockBudget">How many blocks the alerts may take, everything included.</param>
    public static IReadOnlyList<Block> Render(Incident incident, IReadOnlyList<string> labels, int blockBudget)
    {
        if (incident.Alerts.Count == 0)
        {
            return [];
        }
        List<Alert> ordered = InCardOrder(incident);
        int room = blockBudget - 2; // the divider and the heading come first
        int shown = ordered.Count <= Math.Min(room, MaxShown)
            ? ordered.Count
            : Math.Clamp(room - 1, 0, MaxShown); // the "more alerts" line takes a block too
        List<Block> blocks = [new DividerBlock(), Heading(incident), .. ordered.Take(shown).Select(alert => Section(alert, labels))];
        if (shown < ordered.Count)
        {
            blocks.Add(More(ordered[shown..]));
        }
        return blocks;
    }

    /// <summary>Firing alerts first, oldest first; then resolved ones, latest first.</summary>
    public static List<Alert> InCardOrder(Incident incident) =>
    [
        .. incident.Alerts.Where(IsFiring).OrderBy(alert => alert.StartsAt).ThenBy(alert => alert.Fingerprint, StringComparer.Ordinal),
        .. incident.Alerts.Where(alert => !IsFiring(alert))
            .OrderByDescending(alert => alert.EndsAt ?? alert.StartsAt).ThenBy(alert => alert.Fingerprint, StringComparer.Ordinal),
    ];

    private static SectionBlock Heading(Incident incident)
    {
        int firing = incident.Alerts.Count(IsFiring);
        string heading = $"*Alerts* · {firing} firing · {incident.Alerts.Count - firing} resolved";
        if (incident.ExternalUrl is not null)
        {
            heading += $" · {Mrkdwn.Link(incident.ExternalUrl, "Open in Alertmanager")}";
        }
        return new SectionBlock(Text(heading));
    }

    private static SectionBlock Section(Alert alert, IReadOnlyList<string> labelsThatMatter)
    {
        bool firing = IsFiring(alert);
        List<string> lines = [firing ? $"🔥 *{Clip(alert.Describe(), MaxHeadline)}*" : $"✅ *{Clip(alert.Describe(), MaxHeadline)}* (resolved)"];
        if (alert.Annotations.GetValueOrDefault("description") is { } description && !string.IsNullOrWhiteSpace(description))
        {
            lines.Add(Clip(description, MaxDescription));
        }
        string[] labels = [.. labelsThatMatter
            .Where(name => alert.Labels.ContainsKey(name) && !(name == "job" && alert.Labels.ContainsKey("service")))
            .Select(name => $"`{Clip(Flat(name), MaxLabelName)}={Clip(Flat(alert.Labels[name]), MaxLabelValue)}`")];
        if (labels.Length > 0)
        {
            lines.Add(string.Join(' ', labels));
        }
        string when = firing ? $"Firing since {Mrkdwn.Date(alert.StartsAt)}" : $"Resolved {Mrkdwn.Date(alert.EndsAt ?? alert.StartsAt)}";
        lines.Add(alert.GeneratorUrl is null ? when : $"{when} · {Mrkdwn.Link(alert.GeneratorUrl, "Source")}");
        return new SectionBlock(Text(string.Join('\n', lines)));
    }

    private static ContextBlock More(IReadOnlyList<Alert> hidden)
    {
        int firing = hidden.Count(IsFiring);
        List<string> counts = [];
        if (firing > 0)
        {
            counts.Add($"{firing} firing");
        }
        if (hidden.Count > firing)
        {
            counts.Add($"{hidden.Count - firing} resolved");
        }
        string alerts = hidden.Count == 1 ? "alert" : "alerts";
        return new ContextBlock([Text($"…and {hidden.Count} more {alerts} ({string.Join(", ", counts)})")]);
    }

    private static bool IsFiring(Alert alert) => alert.Status == AlertStatus.Firing;

    private static string Clip(string text, int maxLength) => Mrkdwn.Truncate(Mrkdwn.Escape(text.Trim()), maxLength);

    /// <summary>One line without backticks, to sit inside a code span.</summary>
    private static string Flat(string text) => text.Replace('`', '\'').ReplaceLineEndings(" ");

    /// <summary>Verbatim, so bare URLs, channel names and "@here" in alert text stay plain text.</summary>
    private static MrkdwnText Text(string text) => new(text, Verbatim: true);
}
