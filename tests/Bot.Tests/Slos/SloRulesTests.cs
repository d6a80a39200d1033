using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.TestSupport;
using YamlDotNet.RepresentationModel;

namespace ChatOpsIncidents.Bot.Tests.Slos;

/// <summary>The generated rules carry Sloth's group, rule and label names, so dashboards and routes made for Sloth work.</summary>
public sealed class SloRulesTests
{
    private static readonly Slo s_availability = SloSpecFile.ReadAll([Path.Combine(Repository.Root, "deploy", "prometheus", "slos", "example.yml")])[0];

    [Fact]
    public void Every_slo_gets_Sloths_three_groups_with_its_recording_and_alerting_rules()
    {
        YamlSequenceNode groups = Generate(s_availability);

        Assert.Equal(
            ["sloth-slo-sli-recordings-checkout-availability", "sloth-slo-meta-recordings-checkout-availability", "sloth-slo-alerts-checkout-availability"],
            groups.Select(group => Text(group, "name")));
        Assert.Equal(
            ["slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate30m", "slo:sli_error:ratio_rate1h", "slo:sli_error:ratio_rate2h", "slo:sli_error:ratio_rate6h",
                "slo:sli_error:ratio_rate1d", "slo:sli_error:ratio_rate3d", "slo:sli_error:ratio_rate30d"],
            Rules(groups[0]).Select(rule => Text(rule, "record")));
        Assert.Equal(
            ["slo:objective:ratio", "slo:error_budget:ratio", "slo:time_period:days", "slo:current_burn_rate:ratio", "slo:period_burn_rate:ratio",
                "slo:period_error_budget_remaining:ratio", "sloth_slo_info"],
            Rules(groups[1]).Select(rule => Text(rule, "record")));
        Assert.Equal(["CheckoutAvailabilityBudgetBurn", "CheckoutAvailabilityBudgetBurn"], Rules(groups[2]).Select(rule => Text(rule, "alert")));
    }

    [Fact]
    public void Recording_rules_carry_the_sloth_labels_and_the_spec_labels()
    {
        YamlSequenceNode groups = Generate(s_availability);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["sloth_id"] = "checkout-availability",
                ["sloth_service"] = "checkout",
                ["sloth_slo"] = "availability",
                ["sloth_window"] = "1h",
                ["team"] = "payments",
            },
            Labels(Rules(groups[0])[2]));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["sloth_id"] = "checkout-availability",
                ["sloth_service"] = "checkout",
                ["sloth_slo"] = "availability",
                ["team"] = "payments",
                ["sloth_mode"] = "cli-gen-prom",
                ["sloth_objective"] = "99.9",
                ["sloth_spec"] = "prometheus/v1",
                ["sloth_version"] = "chatops-incidents",
            },
            Labels(Rules(groups[1])[6]));
    }

    [Fact]
    public void The_events_sli_fills_the_window_into_both_queries_and_gives_no_value_without_traffic()
    {
        YamlNode sli1h = Rules(Generate(s_availability)[0])[2];

        Assert.Equal(
            """
            (sum(rate(http_requests_total{job="checkout",code=~"5.."}[1h])))
            /
            ((sum(rate(http_requests_total{job="checkout"}[1h]))) > 0)

            """,
            Text(sli1h, "expr"));
    }

    [Fact]
    public void The_period_averages_the_5_minute_ratio_and_the_metadata_holds_objective_budget_and_burn_rates()
    {
        YamlSequenceNode groups = Generate(s_availability);
        const string Ids = """{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="availability"}""";

        Assert.Equal(
            $"sum_over_time(slo:sli_error:ratio_rate5m{Ids}[30d])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m{Ids}[30d])\n",
            Text(Rules(groups[0])[7], "expr"));
        Assert.Equal(
            ["vector(0.9990000000000001)", "vector(1-0.9990000000000001)", "vector(30)",
                $"slo:sli_error:ratio_rate5m{Ids}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{Ids}\n",
                $"slo:sli_error:ratio_rate30d{Ids}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{Ids}\n",
                $"1 - slo:period_burn_rate:ratio{Ids}", "vector(1)"],
            Rules(groups[1]).Select(rule => Text(rule, "expr")));
    }

    [Fact]
    public void The_page_fires_on_14_4x_over_1h_and_5m_or_6x_over_6h_and_30m_the_ticket_on_3x_over_1d_and_2h_or_1x_over_3d_and_6h()
    {
        YamlSequenceNode alerts = Rules(Generate(s_availability)[2]);
        const string Ids = """{sloth_id="checkout-availability", sloth_service="checkout", sloth_slo="availability"}""";
        static string Pair(string shortWindow, string longWindow, string factor) =>
            $"(\n    max(slo:sli_error:ratio_rate{shortWindow}{Ids} > ({factor} * 0.0009999999999999432)) without (sloth_window)\n    and\n"
            + $"    max(slo:sli_error:ratio_rate{longWindow}{Ids} > ({factor} * 0.0009999999999999432)) without (sloth_window)\n)\n";

        Assert.Equal(Pair("5m", "1h", "14.4") + "or\n" + Pair("30m", "6h", "6"), Text(alerts[0], "expr"));
        Assert.Equal(Pair("2h", "1d", "3") + "or\n" + Pair("6h", "3d", "1"), Text(alerts[1], "expr"));
        Assert.Equal(new Dictionary<string, string> { ["service"] = "checkout", ["severity"] = "critical", ["sloth_severity"] = "page" }, Labels(alerts[0]));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["runbook_url"] = "https://runbooks.example.com/checkout/availability",
                ["summary"] = "{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is over expected.",
                ["title"] = "(ticket) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.",
            },
            Labels(alerts[1], "annotations"));
    }

    [Fact]
    public void Thresholds_are_written_as_Go_writes_them_even_for_tiny_budgets()
    {
        Slo fiveNines = s_availability with { Objective = 99.999 };

        string page = Text(Rules(Generate(fiveNines)[2])[0], "expr");

        Assert.Contains("> (14.4 * 1.0000000000047748e-05))", page, StringComparison.Ordinal);
    }

    [Fact]
    public void With_both_alerts_disabled_there_is_no_alert_group()
    {
        Slo quiet = s_availability with { PageAlert = null, TicketAlert = null };

        Assert.Equal(2, Generate(quiet).Children.Count);
    }

    [Fact]
    public void Label_values_that_read_as_numbers_stay_text()
    {
        Slo tiered = s_availability with { Labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["tier"] = "2", ["paged"] = "true" } };
        using var text = new StringWriter();

        RuleFileWriter.Write(SloRules.For(tiered), text);

        Assert.Contains("tier: \"2\"", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("paged: \"true\"", text.ToString(), StringComparison.Ordinal);
    }

    private static YamlSequenceNode Generate(Slo slo)
    {
        using var text = new StringWriter();
        RuleFileWriter.Write(SloRules.For(slo), text);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text.ToString()));
        return (YamlSequenceNode)yaml.Documents[0].RootNode["groups"];
    }

    private static YamlSequenceNode Rules(YamlNode group) => (YamlSequenceNode)group["rules"];

    private static string Text(YamlNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static Dictionary<string, string> Labels(YamlNode rule, string key = "labels") =>
        ((YamlMappingNode)rule[key]).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);
}
