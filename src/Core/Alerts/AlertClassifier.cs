using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>Reads severity, service, environment and title from alert labels, as <see cref="IncidentOptions"/> says.</summary>
public sealed class AlertClassifier(IOptions<IncidentOptions> options)
{
    private readonly IncidentOptions _options = options.Value;

    public Severity SeverityOf(AlertSignal alert)
    {
        string? value = alert.Labels.GetValueOrDefault(_options.SeverityLabel);
        string configured = value is not null && _options.SeverityMatrix.TryGetValue(value.Trim(), out string? mapped)
            ? mapped
            : _options.DefaultSeverity;
        return SeverityText.TryParse(configured, out Severity severity) ? severity : Severity.Sev4;
    }

    public IncidentTraits Describe(AlertGroupSignal group)
    {
        AlertSignal lead = LeadAlert(group);
        string? service = FirstLabel(group, lead, _options.ServiceLabels);
        string title = lead.Annotations.GetValueOrDefault("summary") is { Length: > 0 } summary
            ? summary
            : string.Join(" on ", new[] { lead.AlertName ?? "Alert", service }.OfType<string>());
        IEnumerable<AlertSignal> rated = group.Alerts.Any(a => a.Status == AlertStatus.Firing)
            ? group.Alerts.Where(a => a.Status == AlertStatus.Firing)
            : group.Alerts;
        return new IncidentTraits(
            title,
            rated.Min(SeverityOf),
            service,
            FirstLabel(group, lead, _options.EnvironmentLabels),
            FirstLabel(group, lead, [_options.NamespaceLabel]));
    }

    /// <summary>The alert that names the incident: the earliest firing one, so repeats of a group agree.</summary>
    private static AlertSignal LeadAlert(AlertGroupSignal group) => group.Alerts
        .OrderBy(a => a.Status)
        .ThenBy(a => a.StartsAt)
        .ThenBy(a => a.Fingerprint, StringComparer.Ordinal)
        .First();

    private static string? FirstLabel(AlertGroupSignal group, AlertSignal lead, IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if ((group.CommonLabels.GetValueOrDefault(name) ?? lead.Labels.GetValueOrDefault(name)) is { Length: > 0 } value)
            {
                return value;
            }
        }
        return null;
    }
}
