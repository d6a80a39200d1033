using System.Globalization;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Slos;

/// <summary>An SLO's figures as Prometheus gave them at one moment, kept on the incident the SLO's alert opened.</summary>
/// <param name="BudgetRemaining">The share of the period's error budget left (1 untouched, below 0 overspent); null when unknown.</param>
/// <param name="BurnRate">The burn rate over the last 5 minutes; null when unknown.</param>
/// <param name="Unknown">Why a figure is missing ("Budget unknown: …"), or null.</param>
public sealed record SloReading(DateTimeOffset At, double? BudgetRemaining, double? BurnRate, string? Unknown)
{
    public static SloReading From(SloStatus status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new SloReading(at, status.BudgetRemaining, status.BurnRate, TextLimits.CutOptional(status.Unknown, TextLimits.Note));
    }

    /// <summary>The budget left as people see it, in percent of the budget with 2 decimals: "44.93%", or "budget unknown".</summary>
    public string BudgetText => Percent(BudgetRemaining) ?? "budget unknown";

    /// <summary>The burn rate with 2 decimals, "14.4x", or "unknown".</summary>
    public string BurnRateText => BurnRate is { } burn ? $"{Shown(burn).ToString("0.##", CultureInfo.InvariantCulture)}x" : "unknown";

    /// <summary>A share of the budget in percent with the 2 decimals the bot shows, such as "44.93%"; null for null.</summary>
    public static string? Percent(double? share) =>
        share is { } value ? $"{Shown(value * 100).ToString("0.##", CultureInfo.InvariantCulture)}%" : null;

    /// <summary>Rounded to the 2 decimals the bot shows.</summary>
    public static double Shown(double value) => Math.Round(value, 2);
}
