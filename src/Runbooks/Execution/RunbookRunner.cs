using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Execution.Redaction;
using ChatOpsIncidents.Runbooks.Execution.Steps;
using ChatOpsIncidents.Runbooks.Kubernetes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// Runs runbooks under their guards, whoever asks (a slash command, a button, an alert). <see cref="PrepareAsync"/> refuses
/// what may not run and plans the rest; <see cref="StartAsync"/> refuses an unconfirmed change of the cluster and a second
/// run of a busy target (decided by the database, so it holds across replicas); <see cref="ExecuteAsync"/> does the steps.
/// Every start, step result and end is on the incident's timeline as the one who started the run.
/// </summary>
public sealed partial class RunbookRunner(
    RunbookCatalog catalog,
    KubernetesAccess kubernetes,
    RunbookRuns runs,
    IOptions<RunbookOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider time,
    RunbookMetrics metrics,
    GatheredOutputRedactor redactor,
    ILogger<RunbookRunner> logger)
{
    public const string HttpClientName = "runbooks";
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    public async Task<RunPreparation> PrepareAsync(RunRequest request, CancellationToken cancellationToken)
    {
        if (catalog.Find(request.RunbookId) is not { } runbook)
        {
            return RunPreparation.Refused($"There is no runbook “{request.RunbookId}”. `/runbook list` shows them.");
        }
        if (request.Automatic && !runbook.Auto)
        {
            return await RefuseAsync(runbook, request, $"{runbook.Id} is not an auto runbook: it runs only when a person starts it.", cancellationToken);
        }
        RunPreparation preparation = RunPlanner.Plan(runbook, request, kubernetes.Options, kubernetes.Client?.Server, time.GetUtcNow());
        return preparation.Refusal is { } refusal ? await RefuseAsync(runbook, request, refusal, cancellationToken) : preparation;
    }

    /// <summary>Records a dry run on the timeline and counts it; the requests it shows were built, none was sent.</summary>
    public async Task RecordDryRunAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        metrics.Run(plan.Runbook.Id, RunbookMetrics.DryRun);
        if (plan.Request.Incident is { } incident)
        {
            await runs.RecordAsync(incident, TimelineEntryKind.RunbookDryRun, plan.Request.By,
                $"Dry run of runbook {plan.Runbook.Id} on {plan.Target} ({plan.DescribeParameters()}); nothing was sent", cancellationToken);
        }
    }

    public async Task<RunStartOutcome> StartAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        Runbook runbook = plan.Runbook;
        string? refusal = plan.Request.DryRun ? "A dry run does not start." : plan.NeedsConfirmation
            ? $"{runbook.Id} changes the cluster or asks to be confirmed: it runs only after someone confirms it."
            : runbook.UsesKubernetes && kubernetes.Client is null ? KubernetesAccess.NotConfigured
            : null;
        if (refusal is not null)
        {
            return new RunStartOutcome(null, (await RefuseAsync(runbook, plan.Request, refusal, cancellationToken)).Refusal);
        }
        var start = new RunbookRunStart(runbook.Id, plan.Request.Incident, plan.Target, plan.LockKey, plan.Request.By, plan.Request.Automatic,
            plan.Parameters, [.. plan.Steps.Select(s => s.Step.Name)], options.Value.EffectiveInstanceName, plan.Request.TriggerEntryId,
            plan.Request.Automatic ? new AutomaticRunLimits(runbook.MaxRunsPerHour, runbook.MaxRunsPerHourInAll) : null);
        string how = plan.Request.Automatic ? " automatically" : "";
        RunStartResult result = await runs.StartAsync(start, $"Started runbook {runbook.Id}{how} on {plan.Target} ({plan.DescribeParameters()})", cancellationToken);
        if (result.Started is { } run)
        {
            LogStarted(logger, run.Id, runbook.Id, plan.Target, plan.Request.By.Id);
            return new RunStartOutcome(run, null);
        }
        if (result.AlreadyTriggered)
        {
            return new RunStartOutcome(null, $"{runbook.Id} already ran for this alert."); // another replica started it: nothing to record
        }
        string notStarted = result switch
        {
            { AutomaticRunsLastHour: { } lastHour, TargetLimitReached: true } =>
                $"{runbook.Id} already ran by itself {lastHour} times in the last hour on {plan.Target} (max_runs_per_hour: {runbook.MaxRunsPerHour}); a person has to look.",
            { AutomaticRunsLastHour: { } lastHour } when runbook.Targets.Count > 1 =>
                $"{runbook.Id} already ran by itself {lastHour} times in the last hour (max_runs_per_hour: {runbook.MaxRunsPerHour} on each of its {runbook.Targets.Count} targets); a person has to look.",
            { AutomaticRunsLastHour: { } lastHour } =>
                $"{runbook.Id} already ran by itself {lastHour} times in the last hour (max_runs_per_hour: {runbook.MaxRunsPerHour}); a person has to look.",
            { Busy: { } other } =>
                $"Run {other.Id} of {other.RunbookId}, started by {Who(other.StartedBy)}, is still working on {plan.Target}. One run per target at a time: follow it with `/runbook status {other.Id}`.",
            _ => throw new InvalidOperationException("A run that did not start says why."),
        };
        return new RunStartOutcome(null, (await RefuseAsync(runbook, plan.Request, notStarted, cancellationToken)).Refusal);
    }

    /// <summary>Runs the steps in order, stopping at the first that fails; returns the finished run.</summary>
    public async Task<RunbookRun> ExecuteAsync(RunbookRun started, RunPlan plan, IRunObserver observer, CancellationToken cancellationToken)
    {
        RunbookRun run = started;
        await TellAsync(observer, run, cancellationToken);
        DateTimeOffset lastBeat = time.GetUtcNow();
        var context = new StepContext(kubernetes.Client, httpClients.CreateClient(HttpClientName), time, async () =>
        {
            if (time.GetUtcNow() - lastBeat >= HeartbeatInterval)
            {
                lastBeat = time.GetUtcNow();
                await runs.UpdateAsync(run.Id, (r, at) => r.Beat(at), null, cancellationToken);
            }
        });
        string? failure = null;
        for (int i = 0; i < plan.Steps.Count && failure is null; i++)
        {
            int index = i;
            PlannedStep step = plan.Steps[i];
            run = await runs.UpdateAsync(run.Id, (r, at) => r.ChangeStep(index, RunStepStatus.Running, step.Description, at), null, cancellationToken);
            await TellAsync(observer, run, cancellationToken);
            (StepResult result, int redacted) = Redact(await step.RunAsync(context, cancellationToken));
            string outcome = result.Succeeded ? RunbookMetrics.Succeeded : RunbookMetrics.Failed;
            metrics.Step(plan.Runbook.Id, RunbookStep.KindName(step.Step.Kind), outcome);
            string secrets = redacted == 0 ? "" : $" ({redacted} secrets in what it gathered were replaced by {GatheredOutputRedactor.Marker})";
            string said = $"Run {run.Id} step {index + 1}/{plan.Steps.Count} “{step.Step.Name}”: {(result.Succeeded ? "done" : "failed")}: {result.Detail}{secrets}";
            run = await runs.UpdateAsync(run.Id, (r, at) => r.ChangeStep(index, result.Succeeded ? RunStepStatus.Done : RunStepStatus.Failed, result.Detail, at),
                (TimelineEntryKind.RunbookStep, said), cancellationToken);
            if (result.Output is { } output)
            {
                await AttachAsync(observer, run, step.Step.Name, output, cancellationToken);
            }
            await TellAsync(observer, run, cancellationToken);
            failure = result.Succeeded ? null : $"step {index + 1} “{step.Step.Name}” failed: {result.Detail}";
        }
        RunStatus status = failure is null ? RunStatus.Succeeded : RunStatus.Failed;
        string ended = failure is null ? $"Run {run.Id} of runbook {plan.Runbook.Id} succeeded" : $"Run {run.Id} of runbook {plan.Runbook.Id} failed: {failure}";
        run = await runs.UpdateAsync(run.Id, (r, at) => r.Finish(status, failure, at), (TimelineEntryKind.RunbookFinished, ended), cancellationToken);
        metrics.Run(plan.Runbook.Id, failure is null ? RunbookMetrics.Succeeded : RunbookMetrics.Failed);
        LogFinished(logger, run.Id, plan.Runbook.Id, status);
        await TellAsync(observer, run, cancellationToken);
        return run;
    }

    /// <summary>Counts and logs a refusal; one of an automatic run also goes on the incident's timeline, as nobody is told otherwise.</summary>
    private async Task<RunPreparation> RefuseAsync(Runbook runbook, RunRequest request, string reason, CancellationToken cancellationToken)
    {
        metrics.Run(runbook.Id, RunbookMetrics.Refused);
        LogRefused(logger, runbook.Id, request.By.Id, reason);
        if (request.Automatic && request.Incident is { } incident)
        {
            await runs.RecordAsync(incident, TimelineEntryKind.RunbookRefused, request.By, $"Runbook {runbook.Id} did not run by itself: {reason}", cancellationToken);
        }
        return RunPreparation.Refused(reason);
    }

    /// <summary>What a step gathered leaves the bot (timeline, channel, API) only without its secrets.</summary>
    private (StepResult Result, int Redacted) Redact(StepResult result)
    {
        (string detail, int inDetail) = redactor.Redact(result.Detail);
        if (result.Output is not { } gathered)
        {
            return (result with { Detail = detail }, inDetail);
        }
        (string output, int inOutput) = redactor.Redact(gathered);
        return (result with { Detail = detail, Output = output }, inDetail + inOutput);
    }

    private async Task TellAsync(IRunObserver observer, RunbookRun run, CancellationToken cancellationToken)
    {
        try
        {
            await observer.RunChangedAsync(run, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogObserverFailed(logger, exception, run.Id);
        }
    }

    private async Task AttachAsync(IRunObserver observer, RunbookRun run, string step, string output, CancellationToken cancellationToken)
    {
        try
        {
            await observer.AttachAsync(run, step, output, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogObserverFailed(logger, exception, run.Id);
        }
    }

    private static string Who(Actor actor) => actor.Kind == ActorKind.SlackUser ? $"<@{actor.Id}>" : actor.Kind == ActorKind.Runbook ? "an alert" : actor.Id;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Run {Run} of runbook {Runbook} started on {Target} by {Actor}")]
    private static partial void LogStarted(ILogger logger, long run, string runbook, string target, string actor);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Run {Run} of runbook {Runbook} ended {Status}")]
    private static partial void LogFinished(ILogger logger, long run, string runbook, RunStatus status);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Runbook {Runbook} refused for {Actor}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string runbook, string actor, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Could not show the progress of run {Run}; the run goes on")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, long run);
}
