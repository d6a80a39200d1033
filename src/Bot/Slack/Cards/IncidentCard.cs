using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The live incident card: the first message of an incident's channel, rendered again from the incident on every change
/// and edited in place, so the escalation line under the summary goes when escalation stops. Whatever came from an alert or a
/// person is escaped, and Block Kit's limits are kept by truncating.
/// </summary>
internal static class IncidentCard
{
    private const string Missing = "—";
    private const int MaxTitleInWarning = 150;
    private const int MaxFieldValue = 200;

    /// <param name="runbooks">The runbooks that apply to the incident, offered in the menu; empty offers none.</param>
    /// <param name="labels">The alert labels shown, in order (<c>Slack:CardLabels</c>).</param>
    /// <param name="now">When the card is rendered, shown as its "updated" time; whether the incident is flapping and silenced then.</param>
    /// <param name="events">How many stored events (<c>/v2/enqueue</c>) fed the incident; none is not mentioned.</param>
    /// <param name="escalation">The next escalation step while escalation runs, shown under the summary; null shows none.</param>
    /// <param name="inStormThread">The card is a thread in its storm's channel: it offers to give the incident a channel of its own.</param>
    public static SlackMessageContent Render(
        Incident incident, IReadOnlyList<RunbookChoice> runbooks, IReadOnlyList<string> labels, DateTimeOffset now, int events = 0,
        EscalationOutlook? escalation = null, bool inStormThread = false) =>
        Compose(incident, runbooks, labels, now, updatedAt: now, events, escalation, inStormThread);

    /// <summary>
    /// A digest of what the card shows at <paramref name="now"/>, its "updated" time left out: equal digests mean an edit would
    /// change nothing a person sees, so it is not made. A state that ends with time (flapping, a silence) is in it as at now.
    /// </summary>
    public static string Digest(
        Incident incident, IReadOnlyList<RunbookChoice> runbooks, IReadOnlyList<string> labels, DateTimeOffset now, int events,
        EscalationOutlook? escalation, bool inStormThread = false) =>
        DigestOf(Compose(incident, runbooks, labels, now, updatedAt: DateTimeOffset.UnixEpoch, events, escalation, inStormThread));

    /// <summary>A digest of a card rendered at <see cref="DateTimeOffset.UnixEpoch"/>, its "updated" time.</summary>
    public static string DigestOf(SlackMessageContent shown)
    {
        byte[] blocks = JsonSerializer.SerializeToUtf8Bytes(shown.Blocks, SlackJsonContext.Default.IReadOnlyListBlock);
        return Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(shown.Text), .. blocks]));
    }

    /// <summary>The card as it is at <paramref name="now"/>, its footer saying it was updated at <paramref name="updatedAt"/>.</summary>
    private static SlackMessageContent Compose(
        Incident incident, IReadOnlyList<RunbookChoice> runbooks, IReadOnlyList<string> labels, DateTimeOffset now, DateTimeOffset updatedAt, int events,
        EscalationOutlook? escalation, bool inStormThread)
    {
        List<Block> blocks = [new HeaderBlock($"{incident.Key} · {incident.Title}"), Summary(incident, now)];
        if (incident.Status == IncidentStatus.Triggered && escalation is not null)
        {
            blocks.Add(Escalation(escalation));
        }
        if (incident.IsOpen && incident.SilenceInForce(now) is { } silence)
        {
            blocks.Add(new ContextBlock([Text($"🔕 Alerts silenced in Alertmanager until {Mrkdwn.Date(incident.SilencedUntil!.Value)}"
                + (incident.SilenceUntilResolved ? " or until resolved" : "") + $" · silence `{Escape(silence)}`")]));
        }
        if (IncidentCardSlo.Render(incident) is { } slo)
        {
            blocks.Add(slo);
        }
        if (!string.IsNullOrWhiteSpace(incident.Description))
        {
            blocks.Add(new SectionBlock(Text(Escape(incident.Description.Trim()))));
        }
        if (incident.IsOpen)
        {
            blocks.Add(Actions(incident, runbooks, inStormThread));
        }
        if (IncidentCardLinks.Render(incident) is { } links)
        {
            blocks.Add(links);
        }
        const int FooterBlocks = 1;
        blocks.AddRange(IncidentCardAlerts.Render(incident, labels, BlockKitLimits.MessageBlocks - blocks.Count - FooterBlocks));
        blocks.Add(Footer(incident, updatedAt, events));
        return new SlackMessageContent(FallbackText(incident), blocks);
    }

    private static string FallbackText(Incident incident) =>
        $"{IncidentEmoji.For(incident.Severity)} {incident.Severity.ToDisplay()} {incident.Key} · {Escape(incident.Title)} — {incident.Status}";

    /// <summary>The status line, "flapping" while the incident is.</summary>
    private static SectionBlock Summary(Incident incident, DateTimeOffset now)
    {
        int firing = FiringAlerts(incident);
        string line = $"{IncidentEmoji.For(incident.Severity)} *{incident.Severity.ToDisplay()}* · {IncidentEmoji.For(incident.Status)} *{incident.Status}*";
        if (incident.IsFlapping(now))
        {
            line += " · 🔁 *flapping*";
        }
        if (firing > 0)
        {
            line += $" · {AlertCount(firing)} firing";
        }
        IncidentTimes times = incident.Times;
        // Severity and status lead the line above; where it runs is shown only when known.
        IEnumerable<MrkdwnText> place = new[] { ("Service", incident.Service), ("Environment", incident.Environment), ("Namespace", incident.Namespace) }
            .Where(field => !string.IsNullOrWhiteSpace(field.Item2))
            .Select(field => Field(field.Item1, Value(field.Item2)));
        return new SectionBlock(Text(line), [
            .. place,
            Field("Commander", Person(incident.Commander)),
            Field("Assignee", Person(incident.Assignee)),
            Field("Started", Mrkdwn.Date(incident.DetectedAt)),
            Field("Acknowledged", Moment(incident.AcknowledgedAt, incident.AcknowledgedBy, times.TimeToAcknowledge)),
            Field("Resolved", Moment(incident.ResolvedAt, incident.ResolvedBy, times.TimeToResolve)),
        ]);
    }

    /// <summary>Acknowledge, Resolve, Assign to me, a channel of its own (<paramref name="inStormThread"/>) and the menu.</summary>
    public static ActionsBlock Actions(Incident incident, IReadOnlyList<RunbookChoice> runbooks, bool inStormThread = false)
    {
        string key = incident.Key.ToString();
        List<BlockElement> elements = [];
        if (incident.Status == IncidentStatus.Triggered)
        {
            elements.Add(new ButtonElement(IncidentCardActions.Acknowledge, "Acknowledge", key) { Style = ButtonStyle.Primary });
        }
        elements.Add(new ButtonElement(IncidentCardActions.Resolve, "Resolve", key) { Style = ButtonStyle.Danger });
        elements.Add(new ButtonElement(IncidentCardActions.AssignToMe, "Assign to me", key));
        if (inStormThread)
        {
            elements.Add(new ButtonElement(IncidentCardActions.OwnChannel, "Give it its own channel", key));
        }
        elements.Add(Menu(incident, runbooks));
        return new ActionsBlock(elements);
    }

    /// <summary>"*Checkout down* will be marked resolved. 2 alerts are still firing.": what resolving warns, in the resolve form and on <c>/incident resolve</c>.</summary>
    public static string ResolveWarning(Incident incident)
    {
        int firing = FiringAlerts(incident);
        string title = Mrkdwn.Truncate(Escape(incident.Title), MaxTitleInWarning);
        string stillFiring = firing switch
        {
            0 => "",
            1 => " 1 alert is still firing.",
            _ => $" {firing} alerts are still firing.",
        };
        return $"*{title}* will be marked resolved.{stillFiring}";
    }

    /// <summary>
    /// Severity changes (all but the current one), silences (an incident from alerts, not silenced), and runbooks to run or to dry-run. A runbook whose id would not fit in an
    /// option value is left out: cut short, the value would name a different runbook.
    /// </summary>
    private static StaticSelectElement Menu(Incident incident, IReadOnlyList<RunbookChoice> runbooks)
    {
        List<OptionGroup> groups =
        [
            new OptionGroup("Severity", [.. Enum.GetValues<Severity>()
                .Where(severity => severity != incident.Severity)
                .Select(severity => new MenuOption(
                    $"Change severity → {severity.ToDisplay()}", IncidentMenuChoice.ChangeSeverity(incident.Key, severity).Value))]),
        ];
        List<MenuOption> runbookOptions = [.. runbooks
            .SelectMany(runbook => new[]
            {
                (Text: $"Run runbook: {runbook.Title}", Value: IncidentMenuChoice.RunRunbook(incident.Key, runbook.Id).Value),
                (Text: $"Dry run: {runbook.Title}", Value: IncidentMenuChoice.RunRunbook(incident.Key, runbook.Id, dryRun: true).Value),
            })
            .Where(choice => choice.Value.Length <= BlockKitLimits.OptionValue)
            .Select(choice => new MenuOption(choice.Text, choice.Value))];
        if (incident.CommonLabels.Count > 0 && incident.SilenceId is null)
        {
            groups.Add(new OptionGroup("Silence in Alertmanager", [.. new[] { SilenceLength.For(TimeSpan.FromHours(1)), SilenceLength.For(TimeSpan.FromHours(4)), SilenceLength.UntilIncidentResolved }
                .Select(length => new MenuOption(length.UntilResolved ? "Silence until resolved" : $"Silence {length.Text}", IncidentMenuChoice.SilenceAlerts(incident.Key, length).Value))]));
        }
        if (runbookOptions.Count > 0)
        {
            groups.Add(new OptionGroup("Runbooks", runbookOptions));
        }
        return new StaticSelectElement(IncidentCardActions.Menu, "More actions") { OptionGroups = groups };
    }

    /// <summary>"⏫ Escalation step 2 of 3 (sev1) &lt;date&gt;: @lead, @sre-oncall".</summary>
    private static ContextBlock Escalation(EscalationOutlook next)
    {
        string whom = next.Targets.Count == 0 ? "nobody on call" : string.Join(", ", next.Targets.Select(Mrkdwn.User));
        return new ContextBlock([Text($"⏫ Escalation step {next.Step} of {next.Steps} ({Escape(next.Policy)}) {Mrkdwn.Date(next.At)}: {whom}")]);
    }

    private static ContextBlock Footer(Incident incident, DateTimeOffset now, int events)
    {
        string origin = incident.Source switch
        {
            IncidentSource.Alertmanager => "Opened from Alertmanager",
            IncidentSource.Storm => "Opened by the bot for an alert storm",
            IncidentSource.Heartbeat => "Opened by the bot: Alertmanager's heartbeat stopped",
            _ => $"Declared by {Declarer(incident)}",
        };
        string reopened = incident.ReopenCount switch
        {
            0 => "",
            1 => " · reopened once",
            int times => $" · reopened {times} times",
        };
        string fedBy = events switch
        {
            0 => "",
            1 => " · fed by 1 event",
            _ => $" · fed by {events} events",
        };
        return new ContextBlock([Text($"{origin}{reopened}{fedBy} · updated {Mrkdwn.Date(now)}")]);
    }

    private static string Declarer(Incident incident) =>
        incident.Timeline.FirstOrDefault(entry => entry.Kind == TimelineEntryKind.Opened) is { } opened ? ActorMention.For(opened.Actor) : "hand";

    private static MrkdwnText Field(string name, string value) => Text($"*{name}*\n{value}");

    private static string Value(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Missing : Mrkdwn.Truncate(Escape(text.Trim()), MaxFieldValue);

    private static string Person(string? userId) => string.IsNullOrWhiteSpace(userId) ? Missing : Mrkdwn.User(userId);

    /// <summary>When, then by whom and how long after the incident opened, as far as known: "… \nby @dana after 3m 20s".</summary>
    private static string Moment(DateTimeOffset? at, Actor? by, TimeSpan? after)
    {
        if (at is null)
        {
            return Missing;
        }
        string who = by is null ? "" : $"by {ActorMention.For(by)}";
        string howLong = after is null ? "" : $"after {DurationText.Format(after.Value)}";
        string detail = $"{who} {howLong}".Trim();
        return detail.Length == 0 ? Mrkdwn.Date(at.Value) : $"{Mrkdwn.Date(at.Value)}\n{detail}";
    }

    public static int FiringAlerts(Incident incident) => incident.Alerts.Count(alert => alert.Status == AlertStatus.Firing);

    private static string AlertCount(int count) => count == 1 ? "1 alert" : $"{count} alerts";

    private static string Escape(string text) => Mrkdwn.Escape(text);

    /// <summary>Verbatim, so bare URLs, channel names and "@here" in alert or user text stay plain text.</summary>
    private static MrkdwnText Text(string text) => new(text, Verbatim: true);
}
