using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Reports;

/// <summary>
/// The weekly report's figures that no other instrument gives (automatic runs and postmortems done in time, over the last 7
/// days, from the database before each scrape) and its targets, on the meter <see cref="MeterName"/>, for the dashboard to
/// draw next to the figures the other instruments give (time to acknowledge and resolve, incidents marked noise).
/// </summary>
public sealed class WeeklyReportMetrics : IMetricsRefresher
{
    public const string MeterName = "ChatOpsIncidents.Reports";

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly WeeklyReportTargets _targets;
    private Snapshot? _latest;

    public WeeklyReportMetrics(IMeterFactory meters, IServiceScopeFactory scopes, IOptions<WeeklyReportOptions> options, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        _targets = options.Value.Targets;
        Meter meter = meters.Create(MeterName);
        meter.CreateObservableGauge(
            "chatops.report.automatic_remediation_success",
            () => _latest?.RemediationSuccess is { } success ? [new Measurement<double>(success)] : Array.Empty<Measurement<double>>(),
            description: "The share of automatic runbook runs started in the last 7 days that succeeded (none while there were none).");
        meter.CreateObservableGauge(
            "chatops.report.postmortems_done_in_time",
            () => _latest?.PostmortemsDoneInTime is { } share ? [new Measurement<double>(share)] : Array.Empty<Measurement<double>>(),
            description: "The share of the postmortems of incidents resolved in the last 7 days done within WeeklyReport:Targets:PostmortemWithin.");
        meter.CreateObservableGauge(
            "chatops.report.target.time_to_acknowledge",
            () => BySeverity(_targets.TimeToAcknowledge),
            "s",
            "WeeklyReport:Targets:TimeToAcknowledge: the mean time to acknowledge to stay under, by severity.");
        meter.CreateObservableGauge(
            "chatops.report.target.time_to_resolve",
            () => BySeverity(_targets.TimeToResolve),
            "s",
            "WeeklyReport:Targets:TimeToResolve: the mean time to resolve to stay under, by severity.");
        meter.CreateObservableGauge(
            "chatops.report.target.false_positives",
            () => _targets.FalsePositives,
            "{incident}",
            "WeeklyReport:Targets:FalsePositives: incidents a week marked not actionable to stay under.");
        meter.CreateObservableGauge(
            "chatops.report.target.automatic_remediation_success",
            () => _targets.AutomaticRemediationSuccess,
            description: "WeeklyReport:Targets:AutomaticRemediationSuccess: the share of automatic runbook runs that succeed to stay over.");
        meter.CreateObservableGauge(
            "chatops.report.target.postmortem_within",
            () => _targets.PostmortemWithin.TotalSeconds,
            "s",
            "WeeklyReport:Targets:PostmortemWithin: how soon after its incident's resolution a postmortem is to be done.");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        IncidentStatisticsService statistics = scope.ServiceProvider.GetRequiredService<IncidentStatisticsService>();
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset from = now - WeeklyFigures.Week;
        AutomaticRemediation remediation = await statistics.AutomaticRemediationAsync(from, now, cancellationToken);
        PostmortemCompletion postmortems = await statistics.PostmortemCompletionAsync(from, now, _targets.PostmortemWithin, cancellationToken);
        _latest = new Snapshot(
            remediation.SuccessShare,
            postmortems.Postmortems > 0 ? (double)postmortems.DoneInTime / postmortems.Postmortems : null);
    }

    private static IEnumerable<Measurement<double>> BySeverity(Dictionary<Severity, TimeSpan> targets) =>
        targets.Select(target => new Measurement<double>(target.Value.TotalSeconds, new KeyValuePair<string, object?>("severity", target.Key.ToDisplay())));

    private sealed record Snapshot(double? RemediationSuccess, double? PostmortemsDoneInTime);
}
