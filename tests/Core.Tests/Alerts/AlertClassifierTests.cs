using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Slos;
using Microsoft.Extensions.Options;
using static ChatOpsIncidents.Core.Tests.Alerts.AlertSignals;

namespace ChatOpsIncidents.Core.Tests.Alerts;

public sealed class AlertClassifierTests
{
    private static readonly Slo s_checkout = new("checkout", "availability", 99.9, new RawIndicator("x"));

    private static AlertClassifier Classifier(IncidentOptions? options = null) => new(Options.Create(options ?? new IncidentOptions()), new SloCatalog([s_checkout]));

    [Theory]
    [InlineData("page", Severity.Sev1)]
    [InlineData("ticket", Severity.Sev3)]
    public void An_slo_burn_rate_alert_is_rated_by_its_level_through_the_matrix_whatever_its_severity_label(string level, Severity expected) =>
        Assert.Equal(expected, Classifier().SeverityOf(BurnRateAlert("aaaa", level, severity: "info")));

    [Fact]
    public void A_sloth_level_on_an_alert_of_no_known_slo_is_not_read()
    {
        AlertSignal alert = BurnRateAlert("aaaa", "page", severity: "info") with
        {
            Labels = new Dictionary<string, string> { ["sloth_id"] = "billing-latency", ["sloth_severity"] = "page", ["severity"] = "info" },
        };

        Assert.Equal(Severity.Sev4, Classifier().SeverityOf(alert));
    }

    [Fact]
    public void A_group_with_an_slo_burn_rate_alert_opens_an_incident_that_knows_its_slo_and_page_wins_over_ticket()
    {
        AlertGroupSignal group = Group(BurnRateAlert("aaaa", "ticket", severity: "warning"), BurnRateAlert("bbbb", "page", severity: "warning"));

        IncidentTraits traits = Classifier().Describe(group);

        Assert.Equal((s_checkout, Severity.Sev1), (traits.Slo, traits.Severity));
        Assert.Null(Classifier().Describe(Group(Firing("cccc"))).Slo);
    }

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

    /// <summary>Issue 17, item 13: on kube-state-metrics' alerts <c>job</c> names the exporter, and it was taken for the service.</summary>
    [Theory]
    [InlineData("service", "checkout")]
    [InlineData("app.kubernetes.io/name", "checkout")]
    [InlineData("app", "checkout")]
    [InlineData("deployment", "checkout")]
    [InlineData("container", "checkout")]
    public void The_service_comes_from_the_workloads_labels_before_job(string label, string value)
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "KubePodCrashLooping", ["job"] = "kube-state-metrics", [label] = value };
        AlertGroupSignal group = GroupWithKey("k", Firing("aaaa") with { Labels = labels }) with { CommonLabels = new Dictionary<string, string>() };

        Assert.Equal(value, Classifier().Describe(group).Service);
    }

    [Fact]
    public void The_first_service_label_present_wins_in_the_order_configured()
    {
        var labels = new Dictionary<string, string> { ["container"] = "app", ["app"] = "checkout", ["job"] = "kube-state-metrics" };
        AlertGroupSignal group = GroupWithKey("k", Firing("aaaa") with { Labels = labels }) with { CommonLabels = new Dictionary<string, string>() };

        Assert.Equal("checkout", Classifier().Describe(group).Service);
        Assert.Equal("app", Classifier(new IncidentOptions { ServiceLabels = ["container", "app"] }).Describe(group).Service);
        Assert.Equal("kube-state-metrics", Classifier(new IncidentOptions { ServiceLabels = ["service", "job"] }).Describe(group).Service);
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
