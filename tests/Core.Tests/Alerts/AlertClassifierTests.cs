using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Alerts;

public sealed class AlertClassifierTests
{
    private static AlertClassifier Classifier(IncidentOptions? options = null) => new(Options.Create(options ?? new IncidentOptions()));

    [Theory]
    [InlineData("critical", Severity.Sev1)]
    [InlineData("page", Severity.Sev1)]
    [InlineData("error", Severity.Sev2)]
    [InlineData("warning", Severity.Sev3)]
    [InlineData("WARNING", Severity.Sev3)]
    [InlineData("info", Severity.Sev4)]
    [InlineData("whatever", Severity.Sev4)]
    public void The_default_matrix_maps_severity_labels(string label, Severity expected) =>
        Assert.Equal(expected, Classifier().SeverityOf(Firing("aaaa", severity: label)));

    [Fact]
    public void A_configured_matrix_and_label_override_the_defaults()
    {
        var options = new IncidentOptions { SeverityLabel = "priority", DefaultSeverity = "SEV3" };
        options.SeverityMatrix["p1"] = "SEV1";
        AlertSignal p1 = Firing("aaaa") with { Labels = new Dictionary<string, string> { ["priority"] = "P1" } };
        AlertSignal unlabeled = Firing("bbbb") with { Labels = new Dictionary<string, string> { ["alertname"] = "X" } };

        Assert.Equal(Severity.Sev1, Classifier(options).SeverityOf(p1));
        Assert.Equal(Severity.Sev3, Classifier(options).SeverityOf(unlabeled));
    }

    [Fact]
    public void The_title_is_the_earliest_firing_alerts_summary_and_the_severity_the_highest_firing_one()
    {
        AlertGroupSignal group = Group(
            Firing("bbbb", StartsAt.AddMinutes(1), severity: "critical", summary: "second"),
            Firing("aaaa", StartsAt, severity: "warning", summary: "first"),
            Firing("cccc", StartsAt.AddMinutes(-5), severity: "critical", summary: "resolved one").Resolved(StartsAt));

        IncidentTraits traits = Classifier().Describe(group);

        Assert.Equal("first", traits.Title);
        Assert.Equal(Severity.Sev1, traits.Severity);
    }

    [Fact]
    public void Without_a_summary_the_title_is_the_alertname_on_the_service()
    {
        AlertSignal alert = Firing("aaaa") with
        {
            Labels = new Dictionary<string, string> { ["alertname"] = "HighErrorRate", ["service"] = "checkout", ["env"] = "prod" },
            Annotations = new Dictionary<string, string>(),
        };
        AlertGroupSignal group = GroupWithKey("k", alert) with { CommonLabels = new Dictionary<string, string>() };

        IncidentTraits traits = Classifier().Describe(group);

        Assert.Equal(new IncidentTraits("HighErrorRate on checkout", Severity.Sev4, "checkout", "prod", null), traits);
    }

    [Fact]
    public void The_service_falls_back_to_the_job_label_and_follows_the_configured_order()
    {
        AlertGroupSignal group = Group(Firing("aaaa"));

        Assert.Equal("kube-state-metrics", Classifier().Describe(group).Service);
        Assert.Equal("payments", Classifier(new IncidentOptions { ServiceLabels = ["team", "namespace"] }).Describe(group).Service);
    }
}
