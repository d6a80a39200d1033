using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Bot.Tests.Alertmanager;

/// <summary>The example deliveries from the Alertmanager reference notes, checked in under Payloads/, and single-alert deliveries made to order.</summary>
internal static class Payloads
{
    public static string Firing => Read("firing.json");

    public static string Resolved => Read("resolved.json");

    /// <summary>A delivery (version 4) of one firing alert with these labels and annotations, in its own group.</summary>
    public static string OneAlert(string groupKey, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations) => new JsonObject
    {
        ["receiver"] = "incident-bot",
        ["status"] = "firing",
        ["alerts"] = new JsonArray(new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = Object(labels),
            ["annotations"] = Object(annotations),
            ["startsAt"] = "2026-03-02T09:14:07Z",
            ["endsAt"] = "0001-01-01T00:00:00Z",
            ["generatorURL"] = "http://prometheus.example:9090/graph?g0.expr=up",
            ["fingerprint"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(groupKey)))[..16],
        }),
        ["groupLabels"] = Object(labels),
        ["commonLabels"] = Object(labels),
        ["commonAnnotations"] = new JsonObject(),
        ["externalURL"] = "http://alertmanager.example:9093",
        ["version"] = "4",
        ["groupKey"] = groupKey,
        ["truncatedAlerts"] = 0,
    }.ToJsonString();

    /// <summary>A delivery of one firing alert named <paramref name="alertName"/> with this <c>severity</c> label, in its own group.</summary>
    public static string OneAlert(string groupKey, string alertName, string severity) => OneAlert(
        groupKey,
        new Dictionary<string, string> { ["alertname"] = alertName, ["severity"] = severity },
        new Dictionary<string, string> { ["summary"] = $"{alertName} fired" });

    private static JsonObject Object(IReadOnlyDictionary<string, string> values) => new(values.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Alertmanager", "Payloads", name));
}
