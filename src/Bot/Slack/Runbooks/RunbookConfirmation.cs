using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Runbooks.Execution;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>"Run this on that?" with Run and Cancel buttons, shown only to the person who asked.</summary>
internal static class RunbookConfirmation
{
    /// <summary>The confirmation of <paramref name="plan"/>, whose Run button carries <paramref name="pending"/>, the stored pending run.</summary>
    public static SlackReply Render(RunPlan plan, Guid pending)
    {
        string question = $"Run *{Mrkdwn.Escape(plan.Runbook.Title)}* (`{Mrkdwn.Escape(plan.Runbook.Id)}`) on {Mrkdwn.Escape(plan.Target)}?";
        string steps = string.Join('\n', plan.Steps.Select((step, i) => $"{i + 1}. {Mrkdwn.Escape(step.Description)}{(step.Step.ChangesCluster ? " ⚠️ changes the cluster" : "")}"));
        string text = $"{question}\n{steps}\nParameters: {Mrkdwn.Escape(plan.DescribeParameters())}";
        return new SlackReply(question)
        {
            Blocks =
            [
                new SectionBlock(new MrkdwnText(text, Verbatim: true)),
                new ActionsBlock([
                    new ButtonElement(RunbookActions.Confirm, "Run it", pending.ToString("N")) { Style = ButtonStyle.Primary },
                    new ButtonElement(RunbookActions.Cancel, "Cancel", plan.Runbook.Id),
                ]),
            ],
        };
    }
}
