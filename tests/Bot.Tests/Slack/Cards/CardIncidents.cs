using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slack.Cards;

/// <summary>Incidents as the card sees them: declared by a person, or opened by Alertmanager with alerts attached.</summary>
internal static class CardIncidents
{
    /// <summary>2026-03-02 09:14:07 UTC, unix 1772442847.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 14, 7, TimeSpan.Zero);

    public const string StartDate = "<!date^1772442847^{date_short_pretty} {time}|2026-03-02 09:14 UTC>";

    public const string AlertmanagerUrl = "http://alertmanager.example:9093";

    public static Incident Declared(
        long number = 42,
        string title = "Checkout latency above SLO",
        Severity severity = Severity.Sev2,
        string? description = null,
        string? commander = "U0ONCALL1")
    {
        Incident incident = Incident.Declare(
            new DeclaredIncident(title, severity, "checkout-api", description, commander), Actor.SlackUser("U0ONCALL1"), Start);
        return WithNumber(incident, number);
    }

    public static Incident FromAlerts(long number, IReadOnlyList<AlertSignal> alerts, string title = "KubePodCrashLooping in payments")
    {
        var group = new AlertGroupSignal(
            "{}:{alertname=\"KubePodCrashLooping\"}",
            "incident-bot",
            AlertmanagerUrl,
            new Dictionary<string, string> { ["alertname"] = "KubePodCrashLooping" },
            alerts);
        Incident incident = Incident.OpenFromAlerts(
            group, new IncidentTraits(title, Severity.Sev1, "checkout-api", "production", "payments"), Start, Start);
        incident.UpdateGroupDetails(group);
        foreach (AlertSignal alert in alerts)
        {
            incident.AttachAlert(new Alert(alert), Start);
        }
        return WithNumber(incident, number);
    }

    public static AlertSignal Firing(
        string fingerprint,
        DateTimeOffset? startsAt = null,
        string? summary = null,
        IReadOnlyDictionary<string, string>? extraLabels = null,
        IReadOnlyDictionary<string, string>? extraAnnotations = null,
        string? generatorUrl = "http://prometheus.example:9090/graph?g0.expr=up&g0.tab=1")
    {
        var labels = new Dictionary<string, string>
        {
            ["alertname"] = "KubePodCrashLooping",
            ["namespace"] = "payments",
            ["job"] = "kube-state-metrics",
            ["pod"] = $"checkout-api-{fingerprint}",
            ["severity"] = "critical",
            ["container"] = "app",
        };
        var annotations = new Dictionary<string, string> { ["summary"] = summary ?? $"Pod checkout-api-{fingerprint} is crash looping" };
        foreach ((string name, string value) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[name] = value;
        }
        foreach ((string name, string value) in extraAnnotations ?? new Dictionary<string, string>())
        {
            annotations[name] = value;
        }
        return new AlertSignal(fingerprint, AlertStatus.Firing, labels, annotations, startsAt ?? Start, null, generatorUrl);
    }

    public static AlertSignal Resolved(this AlertSignal firing, DateTimeOffset endsAt) =>
        firing with { Status = AlertStatus.Resolved, EndsAt = endsAt };

    /// <summary>The database gives incidents their number; here reflection does.</summary>
    private static Incident WithNumber(Incident incident, long number)
    {
        typeof(Incident).GetProperty(nameof(Incident.Id))!.SetValue(incident, number);
        return incident;
    }
}
