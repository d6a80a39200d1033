using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slos;

public sealed class SloSpecFileTests
{
    private const string Availability = """
        version: "prometheus/v1"
        service: "checkout"
        labels: {team: "payments", tier: "2"}
        slos:
          - name: "availability"
            objective: 99.9
            sli:
              events:
                error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
                total_query: sum(rate(http_requests_total[{{.window}}]))
            alerting:
              name: CheckoutAvailability
        """;

    private static string ExampleFile => Path.Combine(Repository.Root, "deploy", "prometheus", "slos", "example.yml");

    [Fact]
    public void The_example_spec_reads_as_Sloth_defines_it_events_and_raw_slis_with_page_and_ticket_labels_merged()
    {
        IReadOnlyList<Slo> slos = SloSpecFile.ReadAll([ExampleFile]);

        Assert.Equal(["checkout-availability", "checkout-latency"], slos.Select(slo => slo.Id));
        Slo availability = slos[0];
        Assert.Equal(99.9, availability.Objective);
        Assert.Equal("Checkout requests answered without a server error (5xx).", availability.Description);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments" }, availability.Labels);
        Assert.Equal(
            new EventsIndicator("""sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))""", """sum(rate(http_requests_total{job="checkout"}[{{.window}}]))"""),
            availability.Indicator);
        Assert.Equal("CheckoutAvailabilityBudgetBurn", availability.PageAlert!.Name);
        Assert.Equal(new Dictionary<string, string> { ["service"] = "checkout", ["severity"] = "critical" }, availability.PageAlert.Labels);
        Assert.Equal(new Dictionary<string, string> { ["service"] = "checkout", ["severity"] = "warning" }, availability.TicketAlert!.Labels);
        Assert.Equal(new Dictionary<string, string> { ["runbook_url"] = "https://runbooks.example.com/checkout/availability" }, availability.TicketAlert.Annotations);
        Slo latency = slos[1];
        Assert.Contains("[{{ .window }}]", Assert.IsType<RawIndicator>(latency.Indicator).ErrorRatioQuery, StringComparison.Ordinal);
        Assert.NotNull(latency.PageAlert);
        Assert.Null(latency.TicketAlert);
    }

    [Fact]
    public void An_slos_labels_win_over_the_files_and_a_file_may_hold_several_specs()
    {
        string text = Availability.Replace("    objective: 99.9", "    objective: 99.9\n    labels: {tier: \"1\"}", StringComparison.Ordinal)
            + "\n---\n" + Availability.Replace("checkout", "search", StringComparison.Ordinal);

        IReadOnlyList<Slo> slos = SloSpecFile.Read("slos.yml", text);

        Assert.Equal(["checkout-availability", "search-availability"], slos.Select(slo => slo.Id));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments", ["tier"] = "1" }, slos[0].Labels);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments", ["tier"] = "2" }, slos[1].Labels);
    }

    [Fact]
    public void Page_and_ticket_labels_and_annotations_override_the_common_ones_and_disable_drops_an_alert()
    {
        string text = Availability.Replace("      name: CheckoutAvailability", """
                  name: CheckoutAvailability
                  labels: {severity: info, team: sre}
                  annotations: {summary: "common", runbook_url: "https://runbooks.example.com/x"}
                  page_alert:
                    labels: {severity: critical}
                    annotations: {summary: "paged"}
                  ticket_alert:
                    disable: true
            """, StringComparison.Ordinal);

        Slo slo = Assert.Single(SloSpecFile.Read("slos.yml", text));

        Assert.Equal(new Dictionary<string, string> { ["severity"] = "critical", ["team"] = "sre" }, slo.PageAlert!.Labels);
        Assert.Equal(new Dictionary<string, string> { ["runbook_url"] = "https://runbooks.example.com/x", ["summary"] = "paged" }, slo.PageAlert.Annotations);
        Assert.Null(slo.TicketAlert);
    }

    public static TheoryData<string, string, string> BrokenSpecs => new()
    {
        {
            "        total_query: sum(rate(http_requests_total[{{.window}}]))",
            "        total_query: sum(rate(http_requests_total[5m]))",
            "SLO file slos.yml line 10: SLO \"availability\": slos[0].sli.events.total_query: must contain {{.window}} where the window goes"
        },
        {
            "      events:\n        error_query: sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}]))\n        total_query: sum(rate(http_requests_total[{{.window}}]))",
            "      plugin:\n        id: \"sloth-common/kubernetes/apiserver/availability\"\n        options: {filter: 'job=\"api\"'}",
            "SLO file slos.yml line 8: SLO \"availability\": slos[0].sli.plugin: plugin SLIs are not supported: the bot runs no Sloth plugin. Write the query the plugin builds as raw.error_ratio_query."
        },
        {
            "slos:",
            "slo_plugins:\n  chain:\n    - id: \"sloth.dev/contrib/alert_for/v1\"\nslos:",
            "SLO file slos.yml line 4: slo_plugins: Sloth plugins are not supported"
        },
        {
            "    objective: 99.9",
            "    objective: 100",
            "SLO file slos.yml line 6: SLO \"availability\": slos[0].objective: must be above 0 and below 100"
        },
        {
            "    objective: 99.9",
            "    objective: high",
            "SLO file slos.yml line 6: SLO \"availability\": slos[0].objective: must be a number such as 99.9, was \"high\"."
        },
        {
            "      name: CheckoutAvailability",
            "      name: CheckoutAvailability\n      page_alert:\n        for: 5m",
            "SLO file slos.yml line 14: SLO \"availability\": slos[0].alerting.page_alert.for: is not a field here; known fields: disable, labels, annotations."
        },
        {
            "      name: CheckoutAvailability",
            "      labels: {severity: critical}",
            "SLO file slos.yml line 12: SLO \"availability\": slos[0].alerting.name: is required unless both page_alert and ticket_alert are disabled (page_alert is not)."
        },
        {
            "version: \"prometheus/v1\"",
            "version: \"sloth.slok.dev/v1\"",
            "SLO file slos.yml line 1: version: must be \"prometheus/v1\": only Sloth's Prometheus spec is read"
        },
        {
            "  - name: \"availability\"",
            "  - name: \"-availability\"",
            "SLO file slos.yml line 5: slos[0].name: \"-availability\" must start and end with a letter or digit"
        },
        {
            "        total_query: sum(rate(http_requests_total[{{.window}}]))",
            "        total_query: sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}]))",
            "SLO file slos.yml line 10: SLO \"availability\": slos[0].sli.events.total_query: must differ from error_query"
        },
        {
            "labels: {team: \"payments\", tier: \"2\"}",
            "labels: {team-name: \"payments\"}",
            "SLO file slos.yml line 3: labels: \"team-name\" is not a Prometheus label name"
        },
        {
            "        total_query: sum(rate(http_requests_total[{{.window}}]))",
            "        total_query: sum(rate(http_requests_total{job=\"{{.service}}\"}[{{.window}}]))",
            "SLO file slos.yml line 10: SLO \"availability\": slos[0].sli.events.total_query: may only use the {{.window}} template"
        },
        {
            "    objective: 99.9",
            "    objective: 99.9\n   description: misaligned",
            "SLO file slos.yml line 7: YAML:"
        },
        {
            "    objective: 99.9",
            "    objective: [99.9",
            "SLO file slos.yml: YAML: is not valid YAML"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenSpecs))]
    public void A_broken_spec_is_refused_naming_the_file_the_slo_and_the_field(string original, string broken, string message)
    {
        Assert.Contains(original, Availability, StringComparison.Ordinal);

        var error = Assert.Throws<SloSpecException>(() => SloSpecFile.Read("slos.yml", Availability.Replace(original, broken, StringComparison.Ordinal)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_slo_id_may_appear_in_one_file_only()
    {
        string folder = Directory.CreateTempSubdirectory("slo-spec-").FullName;
        try
        {
            string first = Path.Combine(folder, "first.yml");
            string second = Path.Combine(folder, "second.yml");
            File.WriteAllText(first, Availability);
            File.WriteAllText(second, Availability);

            var error = Assert.Throws<SloSpecException>(() => SloSpecFile.ReadAll([first, second]));

            Assert.Equal($"SLO file {second}: SLO \"availability\": name: the SLO id \"checkout-availability\" is also defined in {first}; ids must be unique.", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
