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
/// <c>/runbook</c>: its table and its verbs. Runs go through <see cref="RunbookLauncher"/>, so every guard is the runner's; this
/// reads the command, finds the incident whose channel it is, and answers.
/// </summary>
internal sealed class RunbookCommands(RunbookCatalog catalog, RunbookLauncher launcher, RunbookRuns runs, IncidentQueries queries, IncidentFinder finder)
{
    public const string Name = "/runbook";
    public const string DryRunFlag = "--dry-run";
    private const int MaxReply = 3900;

    private static readonly CommandVerb s_list = CommandVerb.For<RunbookCommands>(
        "list", "list", "lists the runbooks (those that fit this incident first)", IncidentArgument.None,
        (commands, request, cancellationToken) => commands.ListAsync(request, cancellationToken));

    private static readonly CommandVerb s_show = CommandVerb.For<RunbookCommands>(
        "show", "show ID", "shows what a runbook does and its procedure", IncidentArgument.None,
        (commands, request, _) => Task.FromResult(commands.Show(request)));

    private static readonly CommandVerb s_run = CommandVerb.For<RunbookCommands>(
        "run", $"run ID [key=value…] [{DryRunFlag}]",
        $"runs it, after you confirm when it changes the cluster (`{Name} run high-latency replicas=6`); with `{DryRunFlag}` it shows the exact Kubernetes requests it would send, and sends none",
        IncidentArgument.None,
        (commands, request, cancellationToken) => commands.RunAsync(request, cancellationToken));

    private static readonly CommandVerb s_status = CommandVerb.For<RunbookCommands>(
        "status", "status RUN", $"shows how a run went, such as `{Name} status 12`", IncidentArgument.None,
        (commands, request, cancellationToken) => commands.StatusAsync(request, cancellationToken));

    public static readonly CommandTable Table = new(
        Name,
        "runs remediation runbooks. In an incident's channel, parameters default from the incident's alert labels and the run is on its timeline.",
        [s_list, s_show, s_run, s_status]);

    private async Task<SlackReply?> ListAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (catalog.All.Count == 0)
        {
            return new SlackReply("There are no runbooks: add Markdown files to the runbooks folder (see runbooks/template.md).");
        }
        Incident? incident = await IncidentOfChannelAsync(request.Caller, cancellationToken);
        HashSet<string> fitting = incident is null ? [] : [.. IncidentRunbooks.Matching(catalog, incident).Select(r => r.Id)];
        IEnumerable<string> lines = catalog.All
            .OrderBy(runbook => fitting.Contains(runbook.Id) ? 0 : 1)
            .Select(runbook => $"{(fitting.Contains(runbook.Id) ? "⭐ " : "• ")}`{Mrkdwn.Escape(runbook.Id)}` *{Mrkdwn.Escape(runbook.Title)}*: {Mrkdwn.Escape(runbook.Summary)}");
        string heading = incident is null || fitting.Count == 0 ? "*Runbooks*" : $"*Runbooks* (⭐ fit the alerts of {incident.Key})";
        return new SlackReply(Mrkdwn.Truncate($"{heading}\n{string.Join('\n', lines)}\n{Table.Usage(s_show)} for details, {Table.Usage(s_run)} to run one.", MaxReply));
    }

    private SlackReply? Show(CommandRequest request)
    {
        if (request.Arguments.Next() is not { } id)
        {
            return new SlackReply($"Which runbook? Usage: {request.Usage}");
        }
        if (catalog.Find(id) is not { } runbook)
        {
            return new SlackReply($"There is no runbook “{SlackCommandText.Quote(id)}”. `/runbook list` shows them.");
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
            guards.Add($"runs by itself when its alert fires, at most {runbook.MaxRunsPerHour} times an hour on each deployment");
        }
        if (runbook.Targets.Count > 0)
        {
            guards.Add("only on " + string.Join(", ", runbook.Targets));
        }
        if (guards.Count > 0)
        {
            lines.Add("Guards: " + string.Join("; ", guards));
        }
        lines.Add("");
        lines.Add(RunbookMrkdwn.Convert(runbook.Body));
        return new SlackReply(Mrkdwn.Truncate(string.Join('\n', lines), MaxReply));
    }

    private async Task<SlackReply?> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        CommandArguments arguments = request.Arguments;
        if (arguments.Next() is not { } id)
        {
            return new SlackReply($"Which runbook? Usage: {request.Usage}");
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
                return new SlackReply($"“{SlackCommandText.Quote(word)}” is neither key=value nor {DryRunFlag}. Usage: {request.Usage}");
            }
        }
        Incident? incident = await IncidentOfChannelAsync(request.Caller, cancellationToken);
        var run = new RunRequest(id, request.Caller.Actor, incident?.Key)
        {
            Given = given,
            Labels = incident is null ? new Dictionary<string, string>() : IncidentRunbooks.Labels(incident),
            DryRun = dryRun,
        };
        return await launcher.LaunchAsync(run, request.Caller.ChannelId, cancellationToken);
    }

    private async Task<SlackReply?> StatusAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        string? word = request.Arguments.Next();
        if (!long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            return new SlackReply($"Which run? Usage: {request.Usage}; the run number is in its progress message.");
        }
        if (await runs.FindAsync(id, cancellationToken) is not { } run)
        {
            return new SlackReply($"There is no run {id}.");
        }
        SlackMessageContent progress = RunProgressMessage.Render(run, catalog.Find(run.RunbookId)?.Title ?? run.RunbookId);
        return new SlackReply(progress.Text) { Blocks = progress.Blocks };
    }

    private async Task<Incident?> IncidentOfChannelAsync(CommandCaller caller, CancellationToken cancellationToken) =>
        await finder.OfChannelAsync(caller, cancellationToken) is { } key ? await queries.FindAsync(key, cancellationToken) : null;
}
