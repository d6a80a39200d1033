using System.Diagnostics.Metrics;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// <c>chatops_runbook_runs_total{runbook,outcome}</c> and <c>chatops_runbook_steps_total{runbook,step,outcome}</c>, outcome
/// one of succeeded, failed, refused, dry_run.
/// </summary>
public sealed class RunbookMetrics
{
    public const string MeterName = "ChatOpsIncidents.Runbooks";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Refused = "refused";
    public const string DryRun = "dry_run";

    private readonly Counter<long> _runs;
    private readonly Counter<long> _steps;

    public RunbookMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(MeterName);
        _runs = meter.CreateCounter<long>("chatops.runbook.runs", unit: "{run}", description: "Runbook runs by outcome, refusals and dry runs included.");
        _steps = meter.CreateCounter<long>("chatops.runbook.steps", unit: "{step}", description: "Runbook steps run, by outcome.");
    }

    public void Run(string runbook, string outcome) =>
        _runs.Add(1, new KeyValuePair<string, object?>("runbook", runbook), new KeyValuePair<string, object?>("outcome", outcome));

    public void Step(string runbook, string step, string outcome) => _steps.Add(
        1,
        new KeyValuePair<string, object?>("runbook", runbook),
        new KeyValuePair<string, object?>("step", step),
        new KeyValuePair<string, object?>("outcome", outcome));
}
