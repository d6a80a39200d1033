using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>
/// The progress message of a run, posted once and edited in place: one line per step (pending, running, done, failed with
/// its reason, skipped) and a last line with where the run is, which ends in "running", "done", "failed" or "interrupted".
/// </summary>
internal static class RunProgressMessage
{
    public static SlackMessageContent Render(RunbookRun run, string title)
    {
        string starter = run.StartedBy.Kind == ActorKind.SlackUser ? Mrkdwn.User(run.StartedById) : "an alert (automatic run)";
        string header = $"🛠️ *{Mrkdwn.Escape(title)}* (`{Mrkdwn.Escape(run.RunbookId)}`) · run {run.Id} on {Mrkdwn.Escape(run.Target)} · started by {starter}";
        string steps = string.Join('\n', run.Steps.Select((step, i) => $"{Icon(step.Status)} {i + 1}. {Mrkdwn.Escape(step.Name)} — {Describe(step)}"));
        string state = State(run);
        return new SlackMessageContent(
            $"Runbook {Mrkdwn.Escape(run.RunbookId)} run {run.Id} on {Mrkdwn.Escape(run.Target)}: {state}",
            [
                new SectionBlock(new MrkdwnText(header, Verbatim: true)),
                new SectionBlock(new MrkdwnText(steps, Verbatim: true)),
                new ContextBlock([new MrkdwnText($"Run {run.Id}: {state}", Verbatim: true)]),
            ]);
    }

    /// <summary>Where the run is, in one word, with the reason when it failed.</summary>
    public static string State(RunbookRun run) => run.Status switch
    {
        RunStatus.Succeeded => "done",
        RunStatus.Failed => $"{Mrkdwn.Escape(run.Outcome ?? "")} — failed",
        RunStatus.Interrupted => "the bot stopped while it ran — interrupted",
        _ => "running",
    };

    private static string Describe(RunStep step) => step.Status switch
    {
        RunStepStatus.Done => $"done: {Mrkdwn.Escape(step.Detail ?? "")}",
        RunStepStatus.Failed => $"failed: {Mrkdwn.Escape(step.Detail ?? "")}",
        RunStepStatus.Running => "running…",
        RunStepStatus.Skipped => "skipped",
        _ => "pending",
    };

    private static string Icon(RunStepStatus status) => status switch
    {
        RunStepStatus.Done => "✅",
        RunStepStatus.Failed => "❌",
        RunStepStatus.Running => "⏳",
        RunStepStatus.Skipped => "⏭️",
        _ => "▫️",
    };
}
