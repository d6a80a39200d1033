using System.Text;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>
/// Shows one run in a Slack channel: posts the progress message at the start, edits it on every change, and shows step
/// output (diagnostics) where <paramref name="output"/> says: in the message's thread (long output as a file), always as a
/// file there, or only to the person who started the run.
/// </summary>
internal sealed class SlackRunObserver(ISlackApi slack, string channel, string title, RunbookOutput output) : IRunObserver
{
    public const int LongOutput = 2500;

    private string? _ts;

    public async Task RunChangedAsync(RunbookRun run, CancellationToken cancellationToken)
    {
        SlackMessageContent message = RunProgressMessage.Render(run, title);
        if (_ts is null)
        {
            _ts = (await slack.PostMessageAsync(new PostMessageRequest(channel, message.Text, message.Blocks), cancellationToken)).Ts;
            return;
        }
        await slack.UpdateMessageAsync(new UpdateMessageRequest(channel, _ts, message.Text, message.Blocks), cancellationToken);
    }

    public async Task AttachAsync(RunbookRun run, string stepName, string gathered, CancellationToken cancellationToken)
    {
        if (output == RunbookOutput.Ephemeral)
        {
            await ShowToStarterAsync(run, stepName, gathered, cancellationToken);
            return;
        }
        if (output == RunbookOutput.Channel && gathered.Length <= LongOutput)
        {
            await slack.PostMessageAsync(new PostMessageRequest(channel, $"{Mrkdwn.Escape(stepName)}:\n```{Mrkdwn.Escape(gathered.TrimEnd())}```", ThreadTs: _ts), cancellationToken);
            return;
        }
        await slack.UploadFileAsync(new FileUpload(channel, $"run-{run.Id}-{run.RunbookId}.txt", Encoding.UTF8.GetBytes(gathered))
        {
            Title = $"Run {run.Id}: {stepName}",
            InitialComment = $"Output of “{Mrkdwn.Escape(stepName)}” (run {run.Id})",
            ThreadTs = _ts,
        }, cancellationToken);
    }

    /// <summary>Only the person who started the run sees it, cut to what one message holds; an alert has nobody to show it to.</summary>
    private async Task ShowToStarterAsync(RunbookRun run, string stepName, string gathered, CancellationToken cancellationToken)
    {
        if (run.StartedByKind != ActorKind.SlackUser)
        {
            await slack.PostMessageAsync(new PostMessageRequest(channel,
                $"The output of “{Mrkdwn.Escape(stepName)}” is shown only to whoever runs the runbook (Slack:RunbookOutput is Ephemeral): run `/runbook run {run.RunbookId}` to see it.",
                ThreadTs: _ts), cancellationToken);
            return;
        }
        string text = Mrkdwn.Truncate($"Output of “{Mrkdwn.Escape(stepName)}” (run {run.Id}), only for you:\n```{Mrkdwn.Escape(gathered.TrimEnd())}```", BlockKitLimits.MessageText);
        await slack.PostEphemeralAsync(new PostEphemeralRequest(channel, run.StartedById, text), cancellationToken);
    }
}
