using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Core.Metrics;

/// <summary>
/// The <c>service</c> label of the incident metrics. Service names come from alerts and API input, so how many there are is
/// bounded: a service the configuration names (<see cref="IConfiguredServices"/>) always has its own label; any other gets
/// one while fewer than <see cref="MaxServices"/> have one, and the ones after that are counted as <see cref="Other"/>
/// (each such measurement also in <c>chatops_metrics_services_folded_total</c>). No measurement is dropped.
/// </summary>
public sealed partial class ServiceLabels
{
    /// <summary>The meter of the metrics about the metrics themselves.</summary>
    public const string MeterName = "ChatOpsIncidents.Metrics";

    public const int MaxServices = 100;
    public const string Other = "other";

    /// <summary>The label of incidents that name no service.</summary>
    public const string Unknown = "unknown";

    private readonly Lazy<HashSet<string>> _configured;
    private readonly HashSet<string> _labelled = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Counter<long> _folded;
    private readonly ILogger<ServiceLabels> _logger;
    private int _foldingReported;

    public ServiceLabels(IEnumerable<IConfiguredServices> configured, IMeterFactory meters, ILogger<ServiceLabels> logger)
    {
        // Read at the first incident rather than here: the runbook catalog is loaded, and checked, by the start-up.
        _configured = new(() => configured.SelectMany(c => c.Services).Select(MetricLabel.Bound).ToHashSet(StringComparer.OrdinalIgnoreCase));
        _folded = meters.Create(MeterName).CreateCounter<long>(
            "chatops.metrics.services_folded",
            "{measurement}",
            $"Incident measurements counted as service=\"{Other}\" because {MaxServices} other services already had a label of their own.");
        _logger = logger;
    }

    public string For(string? service)
    {
        if (string.IsNullOrEmpty(service))
        {
            return Unknown;
        }
        string label = MetricLabel.Bound(service);
        if (_configured.Value.Contains(label))
        {
            return label;
        }
        lock (_lock)
        {
            if (_labelled.Contains(label) || (_labelled.Count < MaxServices && _labelled.Add(label)))
            {
                return label;
            }
        }
        _folded.Add(1);
        if (Interlocked.Exchange(ref _foldingReported, 1) == 0)
        {
            LogFolding(_logger, MaxServices, Other);
        }
        return Other;
    }

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning,
        Message = "{MaxServices} services have a metrics label of their own; incidents of other services are counted as service=\"{Other}\" (a service named in an escalation policy or a runbook keeps its own label)")]
    private static partial void LogFolding(ILogger logger, int maxServices, string other);
}
