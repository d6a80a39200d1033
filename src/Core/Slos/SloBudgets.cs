using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Core.Slos;

/// <summary>
/// Reads how the SLOs stand from the SLI recording rules in Prometheus: their burn rates and the error budget left over the
/// period. One query answers for any number of SLOs. When Prometheus cannot answer, the figures are unknown with the reason;
/// callers (the API, and later the incident card and the postmortem) never fail because of Prometheus.
/// </summary>
public sealed partial class SloBudgets(SloCatalog catalog, IPrometheusQueries prometheus, TimeProvider time, ILogger<SloBudgets> logger)
{
    /// <summary>Every SLO of the catalog, worst first: least budget left, then fastest burn; unknown figures last.</summary>
    public async Task<IReadOnlyList<SloStatus>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await ReadAsync(catalog.All, cancellationToken))
            .OrderBy(status => status.BudgetRemaining ?? double.MaxValue)
            .ThenByDescending(status => status.BurnRate ?? double.MinValue)
            .ThenBy(status => status.Slo.Id, StringComparer.Ordinal)];

    public async Task<SloStatus> ReadAsync(Slo slo, CancellationToken cancellationToken) => (await ReadAsync([slo], cancellationToken))[0];

    private async Task<IReadOnlyList<SloStatus>> ReadAsync(IReadOnlyList<Slo> slos, CancellationToken cancellationToken)
    {
        if (slos.Count == 0)
        {
            return [];
        }
        IReadOnlyList<PrometheusSample> samples;
        try
        {
            samples = await prometheus.QueryAsync(ErrorRatiosQuery(slos), time.GetUtcNow(), cancellationToken);
        }
        catch (PrometheusQueryException exception)
        {
            LogUnknown(logger, exception.Message);
            return [.. slos.Select(slo => SloStatus.Unavailable(slo, $"Budget unknown: {exception.Message}"))];
        }
        return [.. slos.Select(slo => SloStatus.FromErrorRatios(slo, ErrorRatios(slo, samples)))];
    }

    /// <summary>Every window's error ratio of these SLOs: <c>{__name__=~"slo:sli_error:ratio_rate(?:5m|…|30d)", sloth_id=~"a|b"}</c>.</summary>
    private static string ErrorRatiosQuery(IReadOnlyList<Slo> slos)
    {
        string names = string.Join('|', SloWindow.All.Select(window => Regex.Escape(SlothNames.ErrorRatio(window))));
        string ids = string.Join('|', slos.Select(slo => Regex.Escape(slo.Id)));
        return $"{{__name__=~{PromQl.Quote($"(?:{names})")}, {SlothNames.IdLabel}=~{PromQl.Quote($"(?:{ids})")}}}";
    }

    /// <summary>
    /// The SLO's error ratio per window. An SLI grouped by some label records several series per window; the worst counts,
    /// as in the burn-rate alerts. NaN (no events) counts as no value.
    /// </summary>
    private static Dictionary<SloWindow, double> ErrorRatios(Slo slo, IReadOnlyList<PrometheusSample> samples)
    {
        var ratios = new Dictionary<SloWindow, double>();
        foreach (PrometheusSample sample in samples)
        {
            if (sample.Labels.GetValueOrDefault(SlothNames.IdLabel) != slo.Id || !double.IsFinite(sample.Value)
                || SloWindow.All.FirstOrDefault(w => SlothNames.ErrorRatio(w) == sample.Labels.GetValueOrDefault("__name__")) is not { } window)
            {
                continue;
            }
            ratios[window] = ratios.TryGetValue(window, out double seen) ? Math.Max(seen, sample.Value) : sample.Value;
        }
        return ratios;
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "SLO budgets unknown: {Reason}")]
    private static partial void LogUnknown(ILogger logger, string reason);
}
