using ChatOpsIncidents.Bot.Alertmanager;

namespace ChatOpsIncidents.Bot.Grafana;

/// <summary>
/// Grafana's webhook contact point body (payload version "1") made an Alertmanager one, so it goes through the same intake:
/// each alert's dashboard, panel and silence links become its <c>dashboard</c>, <c>panel</c> and <c>silence</c> annotations
/// (the card shows them as buttons), and the body's <c>title</c> and <c>message</c> its <c>summary</c> and
/// <c>description</c>, where the alert has none of its own.
/// </summary>
internal static class GrafanaWebhook
{
    public const string Version = "1";

    public static AlertmanagerWebhook AsAlertmanager(AlertmanagerWebhook grafana) =>
        grafana with { Alerts = grafana.Alerts?.Select(alert => alert is null ? null : WithLinks(alert, grafana)).ToList() };

    private static AlertmanagerAlert WithLinks(AlertmanagerAlert alert, AlertmanagerWebhook grafana)
    {
        Dictionary<string, string?> annotations = alert.Annotations is null ? [] : new(alert.Annotations);
        foreach ((string name, string? value) in new[]
        {
            ("dashboard", alert.DashboardUrl), ("panel", alert.PanelUrl), ("silence", alert.SilenceUrl),
            ("summary", grafana.Title), ("description", grafana.Message),
        })
        {
            if (!string.IsNullOrWhiteSpace(value) && string.IsNullOrWhiteSpace(annotations.GetValueOrDefault(name)))
            {
                annotations[name] = value;
            }
        }
        return alert with { Annotations = annotations };
    }
}
