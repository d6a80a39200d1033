using ChatOpsIncidents.Runbooks.Definitions;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary><c>wait</c>: pauses, beating so the run shows it is alive.</summary>
public sealed record WaitStep(RunbookStep Step) : PlannedStep(Step)
{
    public override string Description => $"wait {Step.Duration}";

    internal override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        DateTimeOffset until = context.Time.GetUtcNow() + Step.Duration;
        for (TimeSpan left = Step.Duration; left > TimeSpan.Zero; left = until - context.Time.GetUtcNow())
        {
            await context.BeatAsync();
            await Task.Delay(left < RunbookRunner.HeartbeatInterval ? left : RunbookRunner.HeartbeatInterval, context.Time, cancellationToken);
        }
        return StepResult.Done($"waited {Step.Duration}");
    }
}
