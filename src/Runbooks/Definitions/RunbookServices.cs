using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Metrics;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>The services the runbooks match by name: the values of their <c>match.labels</c> whose label names a service (Incidents:ServiceLabels).</summary>
public sealed class RunbookServices(RunbookCatalog catalog, IOptions<IncidentOptions> incidents) : IConfiguredServices
{
    public IEnumerable<string> Services => catalog.All
        .SelectMany(runbook => runbook.Match.Labels)
        .Where(label => incidents.Value.ServiceLabels.Contains(label.Key, StringComparer.Ordinal))
        .Select(label => label.Value);
}
