using System.Globalization;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Execution;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>
/// <c>/runbook</c> and its subcommands (<see cref="RunbookCommandHelp.Text"/>). Runs go through <see cref="RunbookLauncher"/>,
/// so every guard is the runner's; this reads the command, finds the incident whose channel it is, and answers.
/// </summary>
internal sealed class RunbookCommandHandler(
    RunbookCatalog catalog, RunbookLauncher launcher, RunbookRuns runs, IncidentQueries queries, IIncidentChannelDirectory? channels = null)
{
    public const string DryRunFlag = "--dry-run";
    private const int MaxReply = 3900;

    public async Task<SlackReply> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        var arguments = new CommandArguments(command.Text);
        string subcommand = arguments.Next()?.ToLowerInvariant() ?? "help";
        return subcommand switch
        {
            "help" => new SlackReply(RunbookCommandHelp.Text),
            "list" => await ListAsync(command, cancellationToken),
            "show" => Show(arguments),
            "run" => await RunAsync(command, arguments, cancellationToken),
            "status" => await StatusAsync(arguments, cancellationToken),
            _ => new SlackReply($"I don't know `/runbook {Quote(subcommand)}`. Try one of: {RunbookCommandHelp.Subcommands}, or `/runbook help`."),
        };
    }

    private async Task<SlackReply> ListAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        if (catalog.All.Count == 0)
        {
            return new SlackReply("There are no runbooks: add Markdown files to the runbooks folder (see runbooks/template.md).");
        }
        Incident? incident = await IncidentOfChannelAsync(command, cancellationToken);
        HashSet<string> fitting = incident is null ? [] : [.. IncidentRunbooks.Matching(catalog, incident).Select(r => r.Id)];
        IEnumerable<string> lines = catalog.All
            .OrderBy(runbook => fitting.Contains(runbook.Id) ? 0 : 1)
            .Select(runbook => $"{(fitting.Contains(runbook.Id) ? "⭐ " : "• ")}`{Mrkdwn.Escape(runbook.Id)}` *{Mrkdwn.Escape(runbook.Title)}*: {Mrkdwn.Escape(runbook.Summary)}");
        string heading = incident is null ? "*Runbooks*" : $"*Runbooks* (⭐ fit the alerts of {incident.Key})";
        return new SlackReply(Mrkdwn.Truncate($"{heading}\n{string.Join('\n', lines)}\n{RunbookCommandHelp.Show} for details, {RunbookCommandHelp.Run} to run one.", MaxReply));
    }

    private SlackReply Show(CommandArguments arguments)
    {
        if (arguments.Next() is not { } id)
        {
            return new SlackReply($"Which runbook? Usage: {RunbookCommandHelp.Show}");
        }
        if (catalog.Find(id) is not { } runbook)
        {
            return new SlackReply($"There is no runbook “{Quote(id)}”. `/runbook list` shows them.");
        }
        List<string> lines = [$"*{Mrkdwn.Escape(runbook.Title)}* (`{Mrkdwn.Escape(runbook.Id)}`): {Mrkdwn.Escape(runbook.Summary)}"];
        lines.Add("Steps: " + string.Join(", ", runbook.Steps.Select((step, i) => $"{i + 1}. {Mrkdwn.Escape(step.Name)} ({RunbookStep.KindName(step.Kind)})")));
        if (runbook.Parameters.Count > 0)
        {
            lines.Add("Parameters: " + string.Join(", ", runbook.Parameters.Select(p => $"`{Mrkdwn.Escape(p.Name)}` {Mrkdwn.Escape(p.Description)}")));
        }
        List<string> guards = [];
        if (runbook.NeedsConfirmation)
        {
            guards.Add("asks for confirmation");
        }
        if (runbook.Allowed.Count > 0)
        {
            guards.Add("only for " + string.Join(", ", runbook.Allowed.Select(a => a.StartsWith('@') ? Mrkdwn.Escape(a) : Mrkdwn.User(a))));
        }
        if (runbook.Auto)
        {
            guards.Add($"runs by itself when its alert fires, at most {runbook.MaxRunsPerHour} times an hour");
        }
        if (guards.Count > 0)
        {
            lines.Add("Guards: " + string.Join("; ", guards));
        }
        lines.Add("");
        lines.Add(RunbookMrkdwn.Convert(runbook.Body));
        return new SlackReply(Mrkdwn.Truncate(string.Join('\n', lines), MaxReply));
    }

    private async Task<SlackReply> RunAsync(SlashCommand command, CommandArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Next() is not { } id)
        {
            return new SlackReply($"Which runbook? Usage: {RunbookCommandHelp.Run}");
        }
        Dictionary<string, string> given = [];
        bool dryRun = false;
        while (arguments.Next() is { } word)
        {
            int equals = word.IndexOf('=', StringComparison.Ordinal);
            if (word.Equals(DryRunFlag, StringComparison.OrdinalIgnoreCase))
            {
                dryRun = true;
            }
            else if (equals > 0 && equals < word.Length - 1)
            {
                given[word[..equals]] = SlackCommandText.ToPlainText(word[(equals + 1)..]);
            }
            else
            {
                return new SlackReply($"“{Quote(word)}” is neither key=value nor {DryRunFlag}. Usage: {RunbookCommandHelp.Run}");
            }
        }
        Incident? incident = await IncidentOfChannelAsync(command, cancellationToken);
        var request = new RunRequest(id, Actor.SlackUser(command.UserId, command.UserName), incident?.Key)
        {
            Given = given,
            Labels = incident is null ? new Dictionary<string, string>() : IncidentRunbooks.Labels(incident),
            DryRun = dryRun,
        };
        return await launcher.LaunchAsync(request, command.ChannelId, cancellationToken);
    }

    private async Task<SlackReply> StatusAsync(CommandArguments arguments, CancellationToken cancellationToken)
    {
        string? word = arguments.Next();
        if (!long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            return new SlackReply($"Which run? Usage: {RunbookCommandHelp.Status}; the run number is in its progress message.");
        }
        if (await runs.FindAsync(id, cancellationToken) is not { } run)
        {
            return new SlackReply($"There is no run {id}.");
        }
        SlackMessageContent progress = RunProgressMessage.Render(run, catalog.Find(run.RunbookId)?.Title ?? run.RunbookId);
        return new SlackReply(progress.Text) { Blocks = progress.Blocks };
    }

    private async Task<Incident?> IncidentOfChannelAsync(SlashCommand command, CancellationToken cancellationToken) =>
        channels is not null && command.ChannelId is { } channel && await channels.FindByChannelAsync(channel, cancellationToken) is { } key
            ? await queries.FindAsync(key, cancellationToken)
            : null;

    private static string Quote(string typed) => Mrkdwn.Escape(BlockKitText.Ellipsize(SlackCommandText.ToPlainText(typed), 40));
}
