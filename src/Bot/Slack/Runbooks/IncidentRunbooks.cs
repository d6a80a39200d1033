using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Runbooks.Definitions;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>What an incident tells runbooks: the alert labels parameters default from, and the runbooks that fit its alerts.</summary>
internal static class IncidentRunbooks
{
    /// <summary>The group's common labels, overlaid with the labels of its first firing alert (else its first alert).</summary>
    public static Dictionary<string, string> Labels(Incident incident)
    {
        Dictionary<string, string> labels = new(incident.CommonLabels);
        Alert? alert = incident.Alerts.FirstOrDefault(a => a.Status == AlertStatus.Firing) ?? (incident.Alerts.Count > 0 ? incident.Alerts[0] : null);
        foreach ((string name, string value) in alert?.Labels ?? [])
        {
            labels[name] = value;
        }
        return labels;
    }

    public static IReadOnlyList<Runbook> Matching(RunbookCatalog catalog, Incident incident) =>
        catalog.Matching(incident.Alerts.Select(alert => (IReadOnlyDictionary<string, string>)alert.Labels));

    /// <summary>What the incident card's menu offers.</summary>
    public static IReadOnlyList<RunbookChoice> Choices(RunbookCatalog catalog, Incident incident) =>
        [.. Matching(catalog, incident).Select(runbook => new RunbookChoice(runbook.Id, runbook.Title))];
}
