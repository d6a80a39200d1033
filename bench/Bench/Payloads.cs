using System.Globalization;
using System.Text;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// The same alerts in both wire formats: an Alertmanager webhook (version 4) for the bot, and the postable alerts of
/// Alertmanager's <c>POST /api/v2/alerts</c> for the reference. Alert <c>k</c> of group <c>g</c> has the same labels in both.
/// </summary>
internal static class Payloads
{
    private static readonly string s_startsAt = new DateTimeOffset(2026, 3, 2, 9, 14, 7, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);

    public static string GroupKey(string run, long group) => $"{{}}:{{alertname=\"BenchAlert{run}\", namespace=\"ns-{group}\"}}";

    /// <summary>A firing webhook for group <paramref name="group"/> carrying its alerts <paramref name="firstAlert"/>.. (count of them).</summary>
    public static string Webhook(string run, long group, int firstAlert, int count, string severity = "warning")
    {
        var json = new StringBuilder(512 + (count * 420));
        json.Append(CultureInfo.InvariantCulture, $$"""{"version":"4","groupKey":{{Quoted(GroupKey(run, group))}},"status":"firing","receiver":"incident-bot","alerts":[""");
        for (int alert = firstAlert; alert < firstAlert + count; alert++)
        {
            json.Append(alert == firstAlert ? "" : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""
                {"status":"firing","labels":{{Labels(run, group, alert, severity)}},"annotations":{"summary":"Bench alert {{alert}} of group {{group}}"},"startsAt":"{{s_startsAt}}","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.bench:9090/graph","fingerprint":"{{Fingerprint(run, group, alert)}}"}
                """);
        }
        json.Append(CultureInfo.InvariantCulture, $$"""],"groupLabels":{"alertname":"BenchAlert{{run}}","namespace":"ns-{{group}}"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager.bench:9093","truncatedAlerts":0}""");
        return json.ToString();
    }

    /// <summary>The same alerts as a JSON array of Alertmanager postable alerts.</summary>
    public static string PostableAlerts(string run, long group, int firstAlert, int count)
    {
        var json = new StringBuilder(count * 300);
        json.Append('[');
        for (int alert = firstAlert; alert < firstAlert + count; alert++)
        {
            json.Append(alert == firstAlert ? "" : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""
                {"labels":{{Labels(run, group, alert)}},"annotations":{"summary":"Bench alert {{alert}} of group {{group}}"},"startsAt":"{{s_startsAt}}","generatorURL":"http://prometheus.bench:9090/graph"}
                """);
        }
        return json.Append(']').ToString();
    }

    private static string Labels(string run, long group, int alert, string severity = "warning") => string.Create(CultureInfo.InvariantCulture,
        $$"""{"alertname":"BenchAlert{{run}}","namespace":"ns-{{group}}","instance":"host-{{alert}}:9100","job":"node","severity":"{{severity}}"}""");

    public static string Fingerprint(string run, long group, int alert) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{run}/{group}/{alert}")))[..16];

    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
