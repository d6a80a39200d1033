using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Slos;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>
/// Reads severity, service, environment and title from alert labels, as <see cref="IncidentOptions"/> says, and which SLO a
/// burn-rate alert belongs to (<see cref="SloCatalog.FindForAlert"/>).
/// </summary>
public sealed class AlertClassifier(IOptions<IncidentOptions> options, SloCatalog slos)
{
    private readonly IncidentOptions _options = options.Value;

    /// <summary>
    /// The severity matrix's value for the alert's severity label; for an SLO's burn-rate alert, for its level
    /// (<c>sloth_severity</c>: page or ticket), which says how fast the budget burns.
    /// </summary>
    public Severity SeverityOf(AlertSignal alert)
    {
        string? value = slos.FindForAlert(alert.Labels) is not null && alert.Labels.GetValueOrDefault(SlothNames.SeverityLabel) is { } level
            ? level
            : alert.Labels.GetValueOrDefault(_options.SeverityLabel);
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
            FirstLabel(group, lead, [_options.NamespaceLabel]),
            new[] { lead }.Concat(rated).Select(alert => slos.FindForAlert(alert.Labels)).FirstOrDefault(slo => slo is not null));
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
