using Microsoft.Extensions.Configuration;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>How alerts become incidents.</summary>
public sealed class IncidentOptions
{
    public const string Section = "Incidents";

    /// <summary>Resolve an incident when every one of its alerts has resolved.</summary>
    public bool AutoResolve { get; set; } = true;

    /// <summary>
    /// An alert group that arrives already resolved, never seen firing, is recorded as an incident resolved on arrival; true
    /// gives it a channel, an announcement and a postmortem like any other, false (the default) one line in the incidents channel.
    /// </summary>
    public bool ChannelForResolvedOnArrival { get; set; }

    /// <summary>An alert that fires again within this time of its incident's resolution reopens it.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>An incident reopened more than once within this time is flapping: its reopen line says so and counts the times.</summary>
    public TimeSpan FlappingWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// An incident reopened this many times within <see cref="FlappingWindow"/> is flapping until a window passes without such a
    /// reopening: its card says so, and its channel hears its fire/resolve cycles in one line a minute at most.
    /// </summary>
    public int FlappingThreshold { get; set; } = 3;

    /// <summary>The alert label whose value picks the severity.</summary>
    public string SeverityLabel { get; set; } = "severity";

    /// <summary>Severity label value → SEV1..SEV4. Values not listed get <see cref="DefaultSeverity"/>.</summary>
    public Dictionary<string, string> SeverityMatrix { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = "SEV1",
        ["page"] = "SEV1",
        ["ticket"] = "SEV3",
        ["error"] = "SEV2",
        ["warning"] = "SEV3",
        ["info"] = "SEV4",
    };

    public string DefaultSeverity { get; set; } = "SEV4";

    /// <summary>
    /// Labels naming the affected service, first match wins: the workload's own names before <c>job</c>, which on
    /// kube-state-metrics' alerts names the exporter, not what is broken.
    /// </summary>
    public string[] ServiceLabels { get; set; } = ["service", "app.kubernetes.io/name", "app", "deployment", "container", "job"];

    /// <summary>Labels naming the environment, first match wins.</summary>
    public string[] EnvironmentLabels { get; set; } = ["environment", "env"];

    public string NamespaceLabel { get; set; } = "namespace";

    /// <summary>
    /// How many alert groups the webhook remembers a repeated delivery of (about 150 bytes each), so that the next identical
    /// one is confirmed by one indexed read; 0 remembers none.
    /// </summary>
    public int RepeatIndexSize { get; set; } = 10_000;

    /// <summary>The configuration binder appends configured items to a list's defaults; a configured list replaces them.</summary>
    internal void ReplaceConfiguredLists(IConfigurationSection section)
    {
        if (section.GetSection(nameof(ServiceLabels)).Get<string[]>() is { } serviceLabels)
        {
            ServiceLabels = serviceLabels;
        }
        if (section.GetSection(nameof(EnvironmentLabels)).Get<string[]>() is { } environmentLabels)
        {
            EnvironmentLabels = environmentLabels;
        }
    }
}
