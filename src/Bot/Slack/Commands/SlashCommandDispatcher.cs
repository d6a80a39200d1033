using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slack.Runbooks;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>Hands each slash command to its handler; the answer is null when there is nothing to show.</summary>
internal sealed class SlashCommandDispatcher(IncidentCommandHandler incident, RunbookCommandHandler runbook)
{
    public const string IncidentCommand = "/incident";
    public const string RunbookCommand = "/runbook";

    public async Task<SlackReply?> HandleAsync(SlashCommand command, CancellationToken cancellationToken) =>
        command.Command.Equals(IncidentCommand, StringComparison.OrdinalIgnoreCase) ? await incident.HandleAsync(command, cancellationToken)
            : command.Command.Equals(RunbookCommand, StringComparison.OrdinalIgnoreCase) ? await runbook.HandleAsync(command, cancellationToken)
            : new SlackReply(
                $"`{Mrkdwn.Escape(BlockKitText.Ellipsize(command.Command, 40))}` is not available yet on this bot. Try `/incident help`.");
}
