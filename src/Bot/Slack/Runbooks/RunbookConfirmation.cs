using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Runbooks.Execution;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>"Run this on that?" with Run and Cancel buttons, shown only to the person who asked.</summary>
internal static class RunbookConfirmation
{
    public static SlackReply Render(RunPlan plan)
    {
        var pending = new PendingRun(plan.Runbook.Id, plan.Request.Incident?.Number, new Dictionary<string, string>(plan.Parameters));
        if (pending.ToValue() is not { } value)
        {
            return new SlackReply($"The parameters of {Mrkdwn.Escape(plan.Runbook.Id)} are too long to confirm from Slack.");
        }
        string question = $"Run *{Mrkdwn.Escape(plan.Runbook.Title)}* (`{Mrkdwn.Escape(plan.Runbook.Id)}`) on {Mrkdwn.Escape(plan.Target)}?";
        string steps = string.Join('\n', plan.Steps.Select((step, i) => $"{i + 1}. {Mrkdwn.Escape(step.Description)}{(step.Step.ChangesCluster ? " ⚠️ changes the cluster" : "")}"));
        string text = $"{question}\n{steps}\nParameters: {Mrkdwn.Escape(plan.DescribeParameters())}";
        return new SlackReply(question)
        {
            Blocks =
            [
                new SectionBlock(new MrkdwnText(text, Verbatim: true)),
                new ActionsBlock([
                    new ButtonElement(RunbookActions.Confirm, "Run it", value) { Style = ButtonStyle.Primary },
                    new ButtonElement(RunbookActions.Cancel, "Cancel", plan.Runbook.Id),
                ]),
            ],
        };
    }
}
