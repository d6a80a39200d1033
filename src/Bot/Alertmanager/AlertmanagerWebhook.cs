namespace ChatOpsIncidents.Bot.Alertmanager;

/// <summary>
/// The Alertmanager webhook body, payload version 4. Every field is optional on the wire so that a missing one
/// gets a precise error from <see cref="AlertmanagerWebhookValidator"/> instead of a generic parse failure.
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
    List<AlertmanagerAlert?>? Alerts);

public sealed record AlertmanagerAlert(
    string? Status,
    Dictionary<string, string?>? Labels,
    Dictionary<string, string?>? Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl,
    string? Fingerprint);
