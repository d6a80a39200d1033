using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slack.UserGroups;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.Runbooks.Execution.Steps;
using ChatOpsIncidents.Runbooks.Kubernetes;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>
/// Takes a run request from Slack through the runner's guards: answers with the refusal, the dry run's requests or the
/// confirmation to press, or starts the run and carries it out in the background, its progress shown in
/// <c>channel</c>. The guards themselves live in the runner; this only says what they decided, and tells the runner the
/// Slack user groups of the person asking when the runbook is allowed to a group.
/// </summary>
internal sealed class RunbookLauncher(
    RunbookRunner runner,
    RunbookCatalog catalog,
    SlackUserGroupMembership userGroups,
    SlackBackgroundWork background,
    PendingRunbookRuns pendingRuns,
    IOptions<SlackOptions> options,
    IOptions<RunbookOptions> runbookOptions,
    IOptions<KubernetesOptions> kubernetesOptions)
{
    public async Task<SlackReply> LaunchAsync(RunRequest request, string? channel, CancellationToken cancellationToken)
    {
        if (catalog.Find(request.RunbookId)?.Allowed.Any(allowed => allowed.StartsWith('@')) == true)
        {
            UserGroupHandles groups = await userGroups.HandlesOfAsync(request.By.Id, cancellationToken);
            request = request with { UserGroups = groups.Member, ExistingGroups = groups.Existing };
        }
        RunPreparation preparation = await runner.PrepareAsync(request, cancellationToken);
        if (preparation.Plan is not { } plan)
        {
            return new SlackReply($"🚫 {Mrkdwn.Escape(preparation.Refusal!)}");
        }
        if (request.DryRun)
        {
            await runner.RecordDryRunAsync(plan, cancellationToken);
            return new SlackReply(DryRunText(plan, kubernetesOptions.Value.IsConfigured));
        }
        if (plan.NeedsConfirmation)
        {
            Guid pending = await pendingRuns.AddAsync(
                plan.Runbook.Id, plan.Request.Incident?.Number, plan.Parameters, request.By.Id, runbookOptions.Value.ConfirmationExpiry, cancellationToken);
            return RunbookConfirmation.Render(plan, pending);
        }
        RunStartOutcome outcome = await runner.StartAsync(plan, cancellationToken);
        if (outcome.Run is not { } run)
        {
            return new SlackReply($"🚫 {Mrkdwn.Escape(outcome.Refusal!)}");
        }
        Carry(run, plan, channel);
        return new SlackReply($"▶️ Started run {run.Id} of `{Mrkdwn.Escape(plan.Runbook.Id)}` on {Mrkdwn.Escape(plan.Target)}. "
            + (channel is null ? $"Follow it with `/runbook status {run.Id}`." : "Its progress shows in this channel."));
    }

    /// <summary>Runs the steps after Slack got its answer, in a scope of their own.</summary>
    public void Carry(RunbookRun run, RunPlan plan, string? channel) =>
        background.Start($"run {run.Id} of runbook {plan.Runbook.Id}", (services, token) =>
        {
            IRunObserver observer = channel is null
                ? NoObserver.Instance
                : new SlackRunObserver(services.GetRequiredService<ISlackApi>(), channel, plan.Runbook.Title, options.Value.EffectiveRunbookOutput);
            return services.GetRequiredService<RunbookRunner>().ExecuteAsync(run, plan, observer, token);
        });

    private static string DryRunText(RunPlan plan, bool kubernetesConfigured)
    {
        List<string> lines = [$"🧪 Dry run of `{Mrkdwn.Escape(plan.Runbook.Id)}` on {Mrkdwn.Escape(plan.Target)} ({Mrkdwn.Escape(plan.DescribeParameters())}). Nothing was sent. The run would:"];
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            PlannedStep step = plan.Steps[i];
            lines.Add($"{i + 1}. {Mrkdwn.Escape(step.Description)}");
            lines.AddRange(step.Requests.Select(request => $"```{Mrkdwn.Escape(request.ToString())}```"));
            if (step.LaterRequests is { } then)
            {
                lines.Add($"    _{Mrkdwn.Escape(then)}_");
            }
        }
        if (plan.Runbook.UsesKubernetes && !kubernetesConfigured)
        {
            lines.Add($"A real run would be refused: {KubernetesAccess.NotConfigured}");
        }
        else if (plan.Runbook.NeedsConfirmation)
        {
            lines.Add("A real run asks for confirmation first.");
        }
        return Mrkdwn.Truncate(string.Join('\n', lines), BlockKitLimits.MessageText);
    }

    /// <summary>For runs nobody watches in a channel (an automatic run of an incident without one yet): the timeline still records it.</summary>
    private sealed class NoObserver : IRunObserver
    {
        public static readonly NoObserver Instance = new();

        public Task RunChangedAsync(RunbookRun run, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AttachAsync(RunbookRun run, string stepName, string output, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
