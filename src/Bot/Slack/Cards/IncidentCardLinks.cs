using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// Link buttons to what the alerts' <c>runbook_url</c>, <c>dashboard</c>, <c>panel</c> and <c>silence</c> (Grafana's links)
/// annotations point at, firing alerts first, each
/// URL once. Only absolute http(s) URLs become buttons, so an alert cannot plant a <c>javascript:</c> link.
/// </summary>
internal static class IncidentCardLinks
{
    /// <summary>Of each kind; more would crowd the card, and the alerts' own sections still have their sources.</summary>
    public const int MaxPerKind = 3;

    private static readonly (string Annotation, string Label)[] s_kinds =
        [("runbook_url", "📖 Runbook"), ("dashboard", "📈 Dashboard"), ("panel", "📊 Panel"), ("silence", "🔕 Silence")];

    public static ActionsBlock? Render(Incident incident)
    {
        List<Alert> alerts = IncidentCardAlerts.InCardOrder(incident);
        List<BlockElement> buttons = [];
        foreach ((string annotation, string label) in s_kinds)
        {
            string[] urls = [.. alerts
                .Select(alert => alert.Annotations.GetValueOrDefault(annotation))
                .OfType<string>()
                .Where(IsLinkable)
                .Distinct(StringComparer.Ordinal)
                .Take(MaxPerKind)];
            buttons.AddRange(urls.Select((url, i) => new ButtonElement($"incident-link-{annotation}-{i + 1}", i == 0 ? label : $"{label} {i + 1}") { Url = url }));
        }
        return buttons.Count == 0 ? null : new ActionsBlock(buttons);
    }

    private static bool IsLinkable(string url) =>
        url.Length <= BlockKitLimits.ButtonUrl && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https";
}
