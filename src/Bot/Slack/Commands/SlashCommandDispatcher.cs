using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Bot.Slack.Slos;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>Hands each slash command to its command table; the answer is null when there is nothing to show.</summary>
internal sealed class SlashCommandDispatcher(IServiceProvider services)
{
    private static readonly CommandTable[] s_tables = [IncidentCommands.Table, RunbookCommands.Table, SloCommands.Table, Maintenance.MaintenanceCommands.Table];

    /// <summary>How the replay record of <paramref name="command"/> is kept (<see cref="CommandTable.ReplayRecordOf"/>).</summary>
    public static ReplayRecord ReplayRecordOf(SlashCommand command) => TableOf(command)?.ReplayRecordOf(command.Text) ?? ReplayRecord.Durable;

    /// <param name="replayKey">The key the verb records the request by (<see cref="ReplayRecord.InTheHandlersWrite"/>); null when it was recorded already.</param>
    public async Task<SlackReply?> HandleAsync(SlashCommand command, string? replayKey, CancellationToken cancellationToken)
    {
        if (TableOf(command) is not { } table)
        {
            return new SlackReply($"`{Mrkdwn.Escape(BlockKitText.Ellipsize(command.Command, 40))}` is not available yet on this bot. Try `/incident help`.");
        }
        var caller = new CommandCaller(command.UserId, command.UserName, command.ChannelId)
        {
            TriggerId = command.TriggerId,
            ResponseUrl = command.ResponseUrl,
            ReplayKey = replayKey,
        };
        return await table.HandleAsync(services, command.Text, caller, cancellationToken);
    }

    private static CommandTable? TableOf(SlashCommand command) =>
        s_tables.FirstOrDefault(table => table.Name.Equals(command.Command, StringComparison.OrdinalIgnoreCase));
}
