using ChatOpsIncidents.Core.Alerts;

namespace ChatOpsIncidents.Bot.Alertmanager;

/// <summary>Checks a parsed webhook against payload version 4 and translates it to Core's alert group.</summary>
internal static class AlertmanagerWebhookValidator
{
    public const string SupportedVersion = "4";
    private const int MaxReportedProblems = 5;

    /// <param name="version">The payload version the endpoint takes: "4" from Alertmanager, "1" from Grafana.</param>
    public static WebhookValidation Validate(AlertmanagerWebhook webhook, string version = SupportedVersion)
    {
        List<string> problems = [];
        if (webhook.Version != version)
        {
            problems.Add(webhook.Version is null
                ? $"\"version\" is missing; this endpoint takes webhook payload version \"{version}\"."
                : $"\"version\" is \"{webhook.Version}\"; this endpoint takes webhook payload version \"{version}\".");
        }
        if (string.IsNullOrWhiteSpace(webhook.GroupKey))
        {
            problems.Add("\"groupKey\" is missing or empty.");
        }
        if (webhook.Alerts is not { Count: > 0 })
        {
            problems.Add("\"alerts\" is missing or empty; a delivery carries at least one alert.");
        }
        List<AlertSignal> alerts = [];
        for (int i = 0; i < (webhook.Alerts?.Count ?? 0) && problems.Count < MaxReportedProblems; i++)
        {
            if (ToSignal(webhook.Alerts![i], $"alerts[{i}]", problems) is { } signal)
            {
                alerts.Add(signal);
            }
        }
        if (problems.Count > 0)
        {
            return WebhookValidation.Invalid(problems);
        }
        return WebhookValidation.Valid(new AlertGroupSignal(
            webhook.GroupKey!,
            webhook.Receiver ?? "",
            webhook.ExternalUrl,
            Clean(webhook.CommonLabels),
            alerts));
    }

    private static AlertSignal? ToSignal(AlertmanagerAlert? alert, string path, List<string> problems)
    {
        if (alert is null)
        {
            problems.Add($"\"{path}\" is null.");
            return null;
        }
        int before = problems.Count;
        AlertStatus? status = alert.Status switch
        {
            "firing" => AlertStatus.Firing,
            "resolved" => AlertStatus.Resolved,
            _ => null,
        };
        if (status is null)
        {
            problems.Add($"\"{path}.status\" must be \"firing\" or \"resolved\", was {Quote(alert.Status)}.");
        }
        if (alert.Labels is not { Count: > 0 })
        {
            problems.Add($"\"{path}.labels\" is missing or empty; labels identify an alert.");
        }
        else if (alert.Labels.FirstOrDefault(pair => pair.Value is null) is { Key: { } nullLabel })
        {
            problems.Add($"\"{path}.labels.{nullLabel}\" is null; label values are strings.");
        }
        if (string.IsNullOrWhiteSpace(alert.Fingerprint))
        {
            problems.Add($"\"{path}.fingerprint\" is missing or empty.");
        }
        else if (alert.Fingerprint.Length > Alert.MaxFingerprintLength)
        {
            problems.Add($"\"{path}.fingerprint\" is {alert.Fingerprint.Length} characters long; at most {Alert.MaxFingerprintLength} are kept.");
        }
        if (alert.StartsAt is null)
        {
            problems.Add($"\"{path}.startsAt\" is missing.");
        }
        if (problems.Count > before)
        {
            return null;
        }
        // Alertmanager sends the zero time as the end of an alert that is still firing.
        DateTimeOffset? endsAt = status == AlertStatus.Resolved && alert.EndsAt is { Year: > 1 } end ? end : null;
        return new AlertSignal(
            alert.Fingerprint!,
            status!.Value,
            Clean(alert.Labels),
            Clean(alert.Annotations),
            alert.StartsAt!.Value,
            endsAt,
            string.IsNullOrEmpty(alert.GeneratorUrl) ? null : alert.GeneratorUrl);
    }

    private static Dictionary<string, string> Clean(Dictionary<string, string?>? map) =>
        map?.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value!) ?? [];

    private static string Quote(string? value) => value is null ? "missing" : $"\"{value}\"";
}
