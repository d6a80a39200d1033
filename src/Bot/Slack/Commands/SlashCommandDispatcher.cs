using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>Hands each slash command to its handler; the answer is null when there is nothing to show.</summary>
internal sealed class SlashCommandDispatcher(IncidentCommandHandler incident)
{
    public const string IncidentCommand = "/incident";

    public Task<SlackReply?> HandleAsync(SlashCommand command, CancellationToken cancellationToken) =>
        command.Command.Equals(IncidentCommand, StringComparison.OrdinalIgnoreCase)
            ? incident.HandleAsync(command, cancellationToken)
            : Task.FromResult<SlackReply?>(new SlackReply(
                $"`{Mrkdwn.Escape(BlockKitText.Ellipsize(command.Command, 40))}` is not available yet on this bot. Try `/incident help`."));
}
