using System.Globalization;
using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>What the postmortem template sees (names in camelCase in the template): plain strings, times in UTC.</summary>
public sealed record PostmortemDocument(
    string Key,
    string Title,
    string Summary,
    string Severity,
    string Services,
    string? Environment,
    string? Namespace,
    int AlertCount,
    string DetectedAt,
    string OpenedAt,
    string AcknowledgedAt,
    string ResolvedAt,
    string TimeToAcknowledge,
    string TimeToResolve,
    IReadOnlyList<PostmortemTimelineLine> Timeline,
    IReadOnlyList<PostmortemAlertLine> Alerts,
    IReadOnlyList<PostmortemRunbookLine> Runbooks,
    IReadOnlyList<string> Participants,
    IReadOnlyList<PostmortemActionItem> ActionItems,
    PostmortemSlo? Slo = null)
{
    private const string Missing = "—";

    /// <param name="incident">The incident with its alerts and its whole timeline, oldest entry first.</param>
    /// <param name="names">People's display names by id (<see cref="IPeopleDirectory"/>); those missing are shown as @id.</param>
    /// <param name="followUps">The incident's follow-ups tracked in an issue tracker, with their issues.</param>
    public static PostmortemDocument From(
        Incident incident, IReadOnlyDictionary<string, string>? names = null, IReadOnlyList<FollowUp>? followUps = null)
    {
        IncidentTimes times = incident.Times;
        string Person(string id) => names?.GetValueOrDefault(id) ?? $"@{id}";
        PeopleInText people = PeopleInText.Of(incident);
        string Text(TimelineEntry entry) => people.Show(entry.Text, Person);
        return new PostmortemDocument(
            incident.Key.ToString(),
            incident.Title,
            string.IsNullOrWhiteSpace(incident.Description) ? incident.Title : incident.Description.Trim(),
            incident.Severity.ToDisplay(),
            string.IsNullOrWhiteSpace(incident.Service) ? Missing : incident.Service,
            incident.Environment,
            incident.Namespace,
            incident.Alerts.Count,
            Time(incident.DetectedAt),
            Time(incident.OpenedAt),
            Time(incident.AcknowledgedAt),
            Time(incident.ResolvedAt),
            Duration(times.TimeToAcknowledge),
            Duration(times.TimeToResolve),
            [.. incident.Timeline.Select(e => new PostmortemTimelineLine(
                Time(e.At), Who(e.Actor, Person), e.Kind == TimelineEntryKind.FollowUpAdded ? $"Follow-up: {Text(e)}" : Text(e)))],
            [.. incident.Alerts.Select(a => new PostmortemAlertLine(
                a.AlertName ?? a.Fingerprint, a.Status.ToString().ToLowerInvariant(), Time(a.StartsAt), Time(a.EndsAt), a.Summary))],
            [.. incident.Timeline.Where(e => e.ActorKind == ActorKind.Runbook)
                .Select(e => new PostmortemRunbookLine(Time(e.At), e.ActorName ?? e.ActorId, e.Text))],
            [.. PeopleInvolved(incident).Select(Person)],
            ActionItemsOf(incident, followUps ?? [], Text, Person),
            incident.Slo is { } slo ? PostmortemSlo.From(slo) : null);
    }

    /// <summary>
    /// The follow-ups on the timeline, each with its tracked issue: the one added at the same time with the same text (a follow-up
    /// added before a tracker was configured has none).
    /// </summary>
    private static List<PostmortemActionItem> ActionItemsOf(
        Incident incident, IReadOnlyList<FollowUp> followUps, Func<TimelineEntry, string> text, Func<string, string> person)
    {
        var unmatched = followUps.ToList();
        List<PostmortemActionItem> items = [];
        foreach (TimelineEntry entry in incident.Timeline.Where(e => e.Kind == TimelineEntryKind.FollowUpAdded))
        {
            string? owner = entry.RecipientIds.Count > 0 ? person(entry.RecipientIds[0]) : null;
            FollowUp? tracked = unmatched.Find(f => f.AddedAt == entry.At && f.Text == entry.Text);
            if (tracked is null)
            {
                items.Add(new PostmortemActionItem(text(entry), owner));
                continue;
            }
            unmatched.Remove(tracked);
            MarkdownLink? issue = tracked.IssueUrl is { } url ? new MarkdownLink($"{tracked.Tracker} {IssueName(tracked.IssueKey!)}", url) : null;
            items.Add(new PostmortemActionItem(text(entry), owner, tracked.IsDone, issue, IssueState(tracked)));
        }
        return items;
    }

    /// <summary>"#42" for a GitHub issue number, the key itself for Jira's "OPS-7".</summary>
    private static string IssueName(string key) => key.All(char.IsAsciiDigit) ? $"#{key}" : key;

    private static string IssueState(FollowUp followUp) => followUp switch
    {
        { IsDone: true } => "closed",
        { IssueKey: not null } => "open",
        { IsRefused: true } => $"no issue: {followUp.Tracker} refused it",
        { LastError: not null } => $"issue not created yet, retrying: {followUp.LastError}",
        _ => "issue being created",
    };

    /// <summary>The commander, the assignee and everyone who changed the incident from Slack, first appearance first.</summary>
    private static IReadOnlyList<string> PeopleInvolved(Incident incident)
    {
        IEnumerable<string?> people = new[] { incident.Commander, incident.Assignee }
            .Concat(incident.Timeline.Where(e => e.ActorKind == ActorKind.SlackUser).Select(e => e.ActorId));
        return [.. people.OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    private static string Who(Actor actor, Func<string, string> person) => actor.Kind switch
    {
        ActorKind.SlackUser => person(actor.Id),
        ActorKind.Alertmanager => "Alertmanager",
        ActorKind.Runbook => $"runbook {actor.Name ?? actor.Id}",
        ActorKind.Api => $"API ({actor.Name ?? actor.Id})",
        ActorKind.WebUser => $"{actor.DisplayName} (dashboard)",
        _ => "bot",
    };

    private static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : Missing;

    private static string Duration(TimeSpan? span) => span switch
    {
        null => Missing,
        { TotalHours: >= 1 } value => $"{(int)value.TotalHours} h {value.Minutes} min",
        { TotalMinutes: >= 1 } value => $"{value.Minutes} min {value.Seconds} s",
        { } value => $"{value.Seconds} s",
    };
}
