namespace ChatOpsIncidents.Core.Slos;

/// <summary>
/// How an SLO stands, from its recorded error ratios: burn rates per window (the error ratio over the error budget; 1 spends
/// exactly the budget over the period) and the budget left over the period.
/// </summary>
/// <param name="BurnRates">The burn rate over each window Prometheus had a value for.</param>
/// <param name="Unknown">Why figures are missing, or null when the budget and the current burn rate are both known.</param>
public sealed record SloStatus(Slo Slo, IReadOnlyDictionary<SloWindow, double> BurnRates, string? Unknown)
{
    /// <summary>The share of the period's error budget left: 1 untouched, 0 spent, below 0 overspent. Null when unknown.</summary>
    public double? BudgetRemaining => BurnRates.TryGetValue(SloWindow.Period, out double burn) ? 1 - burn : null;

    /// <summary>How fast the budget burns now (over the last 5 minutes). Null when unknown.</summary>
    public double? BurnRate => BurnRateOver(SloWindow.Current);

    public double? BurnRateOver(SloWindow window) => BurnRates.TryGetValue(window, out double burn) ? burn : null;

    /// <summary>No figures at all, for <paramref name="reason"/>.</summary>
    public static SloStatus Unavailable(Slo slo, string reason) => new(slo, new Dictionary<SloWindow, double>(), reason);

    /// <summary>The status from the error ratios Prometheus recorded per window (<c>slo:sli_error:ratio_rate&lt;window&gt;</c>).</summary>
    public static SloStatus FromErrorRatios(Slo slo, IReadOnlyDictionary<SloWindow, double> errorRatios)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(errorRatios);
        Dictionary<SloWindow, double> burnRates = errorRatios.ToDictionary(pair => pair.Key, pair => pair.Value / slo.ErrorBudget);
        string[] missing = [.. new[] { SloWindow.Period, SloWindow.Current }.Where(window => !burnRates.ContainsKey(window)).Select(SlothNames.ErrorRatio)];
        return new SloStatus(slo, burnRates, missing.Length == 0 ? null
            : $"Prometheus has no {string.Join(" or ", missing)} for {slo.Id}: its rules are not loaded, or it had no traffic in the window.");
    }
}
