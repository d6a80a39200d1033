using System.Globalization;
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
    public static PostmortemDocument From(Incident incident, IReadOnlyDictionary<string, string>? names = null)
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
            [.. incident.Timeline.Where(e => e.Kind == TimelineEntryKind.FollowUpAdded)
                .Select(e => new PostmortemActionItem(Text(e), e.RecipientIds.Count > 0 ? Person(e.RecipientIds[0]) : null))],
            incident.Slo is { } slo ? PostmortemSlo.From(slo) : null);
    }

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
