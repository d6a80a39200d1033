using System.Globalization;
using System.Text;
using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>
/// The Prometheus rules for an SLO, with the group, rule and label names Sloth (v0.16, <c>sloth generate</c>, 30-day period)
/// gives them, so dashboards and alert routes made for Sloth work: the error ratio over every window, the objective and budget
/// metadata, and the multiwindow, multi-burn-rate page and ticket alerts of the SRE workbook.
/// </summary>
internal static class SloRules
{
    /// <summary>Written into <c>sloth_slo_info</c>'s <c>sloth_version</c>, where Sloth writes its own version.</summary>
    public const string GeneratorVersion = "chatops-incidents";

    public static IEnumerable<RuleGroup> For(Slo slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        yield return new RuleGroup($"sloth-slo-sli-recordings-{slo.Id}", [.. SloWindow.All.Select(window => ErrorRatioRule(slo, window))]);
        yield return new RuleGroup($"sloth-slo-meta-recordings-{slo.Id}", MetadataRules(slo));
        PrometheusRule[] alerts = [.. Enum.GetValues<SloSeverity>().Where(severity => slo.AlertOf(severity) is not null).Select(severity => AlertRule(slo, severity))];
        if (alerts.Length > 0)
        {
            yield return new RuleGroup($"sloth-slo-alerts-{slo.Id}", alerts);
        }
    }

    private static PrometheusRule ErrorRatioRule(Slo slo, SloWindow window)
    {
        string expr = window == SloWindow.Period
            // Sloth's optimisation: the period's ratio averages the 5-minute ratio instead of running the query over 30 days.
            ? $"""
              sum_over_time({SlothNames.ErrorRatio(SloWindow.FiveMinutes)}{PromQl.SloFilter(slo)}[{window.Name}])
              / ignoring ({SlothNames.WindowLabel})
              count_over_time({SlothNames.ErrorRatio(SloWindow.FiveMinutes)}{PromQl.SloFilter(slo)}[{window.Name}])

              """
            : slo.Indicator switch
            {
                // A total of 0 gives no value rather than NaN, which would spoil the 30-day average for 30 days.
                EventsIndicator events => $"({WithWindow(events.ErrorQuery, window)})\n/\n(({WithWindow(events.TotalQuery, window)}) > 0)\n",
                RawIndicator raw => $"({WithWindow(raw.ErrorRatioQuery, window)})",
                _ => throw new ArgumentException($"Unknown indicator {slo.Indicator.GetType().Name}.", nameof(slo)),
            };
        return PrometheusRule.Recording(SlothNames.ErrorRatio(window), expr, Labels(slo.Labels, IdLabels(slo), new Dictionary<string, string> { [SlothNames.WindowLabel] = window.Name }));
    }

    private static PrometheusRule[] MetadataRules(Slo slo)
    {
        SortedDictionary<string, string> labels = Labels(slo.Labels, IdLabels(slo));
        string filter = PromQl.SloFilter(slo);
        string objectiveRatio = GoFloat(slo.Objective / 100);
        return
        [
            PrometheusRule.Recording("slo:objective:ratio", $"vector({objectiveRatio})", labels),
            PrometheusRule.Recording("slo:error_budget:ratio", $"vector(1-{objectiveRatio})", labels),
            PrometheusRule.Recording("slo:time_period:days", $"vector({GoFloat(SloWindow.Period.Length.TotalDays)})", labels),
            PrometheusRule.Recording("slo:current_burn_rate:ratio", BurnRate(SloWindow.Current, filter), labels),
            PrometheusRule.Recording("slo:period_burn_rate:ratio", BurnRate(SloWindow.Period, filter), labels),
            PrometheusRule.Recording("slo:period_error_budget_remaining:ratio", $"1 - slo:period_burn_rate:ratio{filter}", labels),
            PrometheusRule.Recording("sloth_slo_info", "vector(1)", Labels(labels, new Dictionary<string, string>
            {
                ["sloth_version"] = GeneratorVersion,
                ["sloth_mode"] = "cli-gen-prom",
                ["sloth_spec"] = SloSpecFile.Version,
                ["sloth_objective"] = slo.Objective.ToString("R", CultureInfo.InvariantCulture),
            })),
        ];
    }

    private static string BurnRate(SloWindow window, string filter) => $"""
        {SlothNames.ErrorRatio(window)}{filter}
        / on({SlothNames.IdLabel}, {SlothNames.SloLabel}, {SlothNames.ServiceLabel}) group_left
        slo:error_budget:ratio{filter}

        """;

    private static PrometheusRule AlertRule(Slo slo, SloSeverity severity)
    {
        SloAlert alert = slo.AlertOf(severity)!;
        string level = SlothNames.SeverityValue(severity);
        var expr = new StringBuilder();
        foreach (BurnRateWindow pair in BurnRateWindow.Of(severity))
        {
            expr.Append(expr.Length == 0 ? "" : "or\n").Append("(\n")
                .Append(Exceeds(slo, pair.ShortWindow, pair.Factor)).Append("    and\n")
                .Append(Exceeds(slo, pair.LongWindow, pair.Factor)).Append(")\n");
        }
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = $"({level}) {{{{$labels.{SlothNames.ServiceLabel}}}}} {{{{$labels.{SlothNames.SloLabel}}}}} SLO error budget burn rate is too fast.",
            ["summary"] = $"{{{{$labels.{SlothNames.ServiceLabel}}}}} {{{{$labels.{SlothNames.SloLabel}}}}} SLO error budget burn rate is over expected.",
        };
        return PrometheusRule.Alerting(alert.Name, expr.ToString(), Labels(new Dictionary<string, string> { [SlothNames.SeverityLabel] = level }, alert.Labels),
            Labels(annotations, alert.Annotations));
    }

    private static string Exceeds(Slo slo, SloWindow window, double factor) =>
        $"    max({SlothNames.ErrorRatio(window)}{PromQl.SloFilter(slo)} > ({GoFloat(factor)} * {GoFloat(slo.ErrorBudget)})) without ({SlothNames.WindowLabel})\n";

    private static Dictionary<string, string> IdLabels(Slo slo) => new()
    {
        [SlothNames.IdLabel] = slo.Id,
        [SlothNames.ServiceLabel] = slo.Service,
        [SlothNames.SloLabel] = slo.Name,
    };

    /// <summary>The label sets merged in order, later ones winning, sorted by name.</summary>
    private static SortedDictionary<string, string> Labels(params IReadOnlyDictionary<string, string>[] sets)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, string value) in sets.SelectMany(set => set))
        {
            merged[key] = value;
        }
        return merged;
    }

    private static string WithWindow(string query, SloWindow window) => SloSpecFile.WindowPlaceholder().Replace(query, window.Name);

    /// <summary>A number as Go prints it (shortest round-trip digits, lower-case exponent), so thresholds read as Sloth writes them.</summary>
    private static string GoFloat(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
}
