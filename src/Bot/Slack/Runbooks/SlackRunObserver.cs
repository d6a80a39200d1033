using System.Text;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>
/// Shows one run in a Slack channel: posts the progress message at the start, edits it on every change, and shares long
/// step output (diagnostics) as a file in the message's thread; short output goes into the thread as a code block.
/// </summary>
internal sealed class SlackRunObserver(ISlackApi slack, string channel, string title) : IRunObserver
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

    public async Task AttachAsync(RunbookRun run, string stepName, string output, CancellationToken cancellationToken)
    {
        if (output.Length <= LongOutput)
        {
            await slack.PostMessageAsync(new PostMessageRequest(channel, $"{Mrkdwn.Escape(stepName)}:\n```{Mrkdwn.Escape(output.TrimEnd())}```", ThreadTs: _ts), cancellationToken);
            return;
        }
        await slack.UploadFileAsync(new FileUpload(channel, $"run-{run.Id}-{run.RunbookId}.txt", Encoding.UTF8.GetBytes(output))
        {
            Title = $"Run {run.Id}: {stepName}",
            InitialComment = $"Output of “{Mrkdwn.Escape(stepName)}” (run {run.Id})",
            ThreadTs = _ts,
        }, cancellationToken);
    }
}
