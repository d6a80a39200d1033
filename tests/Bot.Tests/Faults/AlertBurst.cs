using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>
/// Generated alert groups for the fault drills: group <c>g</c> is <c>alertname="FaultDrill", namespace="drill-g"</c>
/// (the labels Alertmanager groups by in <see cref="TestSupport.AlertmanagerServer"/>), alert <c>a</c> of it has
/// <c>pod="pod-a"</c> and a fingerprint that names both.
/// </summary>
internal static class AlertBurst
{
    public const string AlertName = "FaultDrill";

    private static readonly DateTimeOffset s_startsAt = new(2026, 3, 2, 9, 14, 0, TimeSpan.Zero);

    public static string Namespace(int group) => $"drill-{group:D3}";

    public static string GroupKey(int group) => $"{{}}:{{alertname=\"{AlertName}\", namespace=\"{Namespace(group)}\"}}";

    public static string Fingerprint(int group, int alert) => $"{group:x8}{alert:x8}";

    /// <summary>An Alertmanager webhook (version 4) for <paramref name="group"/> carrying alerts 0 to <paramref name="alerts"/> − 1, all firing.</summary>
    public static string Webhook(int group, int alerts) => Webhook(group, alerts, resolvedBelow: 0);

    /// <summary>As <see cref="Webhook(int, int)"/>, with alerts below <paramref name="resolvedBelow"/> resolved.</summary>
    public static string Webhook(int group, int alerts, int resolvedBelow)
    {
        var items = new JsonArray();
        for (int alert = 0; alert < alerts; alert++)
        {
            bool resolved = alert < resolvedBelow;
            items.Add(new JsonObject
            {
                ["status"] = resolved ? "resolved" : "firing",
                ["labels"] = Labels(group, alert),
                ["annotations"] = new JsonObject { ["summary"] = $"pod-{alert} of {Namespace(group)} fails its drill" },
                ["startsAt"] = StartsAt(alert),
                ["endsAt"] = resolved ? StartsAt(alert + 60) : "0001-01-01T00:00:00Z",
                ["generatorURL"] = "http://prometheus.example:9090/graph?g0.expr=up",
                ["fingerprint"] = Fingerprint(group, alert),
            });
        }
        return new JsonObject
        {
            ["receiver"] = "incident-bot",
            ["status"] = resolvedBelow >= alerts ? "resolved" : "firing",
            ["alerts"] = items,
            ["groupLabels"] = new JsonObject { ["alertname"] = AlertName, ["namespace"] = Namespace(group) },
            ["commonLabels"] = new JsonObject { ["alertname"] = AlertName, ["namespace"] = Namespace(group) },
            ["commonAnnotations"] = new JsonObject(),
            ["externalURL"] = "http://alertmanager.example:9093",
            ["version"] = "4",
            ["groupKey"] = GroupKey(group),
            ["truncatedAlerts"] = 0,
        }.ToJsonString();
    }

    /// <summary>Alerts for Alertmanager's <c>POST /api/v2/alerts</c>: alerts <paramref name="from"/> to <paramref name="to"/> − 1 of each group, firing.</summary>
    public static string Postable(IEnumerable<int> groups, int from, int to)
    {
        var items = new JsonArray();
        foreach (int group in groups)
        {
            for (int alert = from; alert < to; alert++)
            {
                items.Add(new JsonObject
                {
                    ["labels"] = Labels(group, alert),
                    ["annotations"] = new JsonObject { ["summary"] = $"pod-{alert} of {Namespace(group)} fails its drill" },
                    ["startsAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
                });
            }
        }
        return items.ToJsonString();
    }

    private static JsonObject Labels(int group, int alert) => new()
    {
        ["alertname"] = AlertName,
        ["namespace"] = Namespace(group),
        ["pod"] = $"pod-{alert}",
        ["severity"] = "warning",
    };

    private static string StartsAt(int second) => s_startsAt.AddSeconds(second).ToString("O", CultureInfo.InvariantCulture);
}
