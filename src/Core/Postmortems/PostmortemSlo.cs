using System.Globalization;
using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// The SLO whose burn-rate alert opened the incident, and how much of its error budget the incident used: the budget left
/// over the period at opening and at resolution (percent of the budget, 2 decimals, "budget unknown" when Prometheus could
/// not say, "—" before it was read), and the difference in points.
/// </summary>
public sealed record PostmortemSlo(string Id, string Objective, string Period, string BudgetAtOpen, string BudgetAtResolve, string BudgetConsumed)
{
    private const string Missing = "—";

    public static PostmortemSlo From(IncidentSlo slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        return new PostmortemSlo(
            slo.SloId,
            $"{slo.Objective.ToString("0.###", CultureInfo.InvariantCulture)}%",
            SloWindow.Period.Name,
            slo.AtOpen?.BudgetText ?? Missing,
            slo.AtResolve?.BudgetText ?? Missing,
            SloReading.Percent(slo.BudgetConsumed) ?? Missing);
    }
}
