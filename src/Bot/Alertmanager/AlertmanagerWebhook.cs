namespace ChatOpsIncidents.Bot.Alertmanager;

/// <summary>
/// The Alertmanager webhook body, payload version 4. Every field is optional on the wire so that a missing one
/// gets a precise error from <see cref="AlertmanagerWebhookValidator"/> instead of a generic parse failure. Grafana's webhook
/// contact point sends the same body as version "1" with <see cref="Title"/> and <see cref="Message"/> and, per alert, its
/// links (see <see cref="Grafana.GrafanaWebhook"/>); its other additions (<c>values</c>, which may be null, ...) are ignored.
/// </summary>
public sealed record AlertmanagerWebhook(
    string? Version,
    string? GroupKey,
    int TruncatedAlerts,
    string? Status,
    string? Receiver,
    Dictionary<string, string?>? GroupLabels,
    Dictionary<string, string?>? CommonLabels,
    Dictionary<string, string?>? CommonAnnotations,
    string? ExternalUrl,
    List<AlertmanagerAlert?>? Alerts,
    string? Title = null,
    string? Message = null);

public sealed record AlertmanagerAlert(
    string? Status,
    Dictionary<string, string?>? Labels,
    Dictionary<string, string?>? Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl,
    string? Fingerprint,
    string? DashboardUrl = null,
    string? PanelUrl = null,
    string? SilenceUrl = null);
