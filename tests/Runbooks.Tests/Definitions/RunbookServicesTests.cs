using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Runbooks.Definitions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks.Tests.Definitions;

public sealed class RunbookServicesTests
{
    private static Runbook Matching(string id, params (string Label, string Value)[] labels) => new(id, id, id, $"{id}.md")
    {
        Match = new RunbookMatch([], labels.ToDictionary(label => label.Label, label => label.Value)),
    };

    [Fact]
    public void The_services_are_the_values_of_the_match_labels_that_name_a_service()
    {
        var catalog = new RunbookCatalog(
        [
            Matching("checkout", ("service", "checkout"), ("namespace", "shop")),
            Matching("metrics", ("job", "kube-state-metrics")),
            Matching("by-hand"),
        ]);

        var services = new RunbookServices(catalog, Options.Create(new IncidentOptions()));

        Assert.Equal(["checkout", "kube-state-metrics"], services.Services);
    }
}
