using System.Globalization;
using System.Text;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Bot.Slack.Slos;

/// <summary>
/// <c>/slo</c>: the SLOs of <c>Slos:Files</c> with their error budget and burn rate, read from Prometheus at each command (a slow
/// Prometheus is answered through <c>response_url</c>, like any command past Slack's 3 seconds; an unreachable one says
/// "budget unknown" and why).
/// </summary>
internal sealed class SloCommands(SloCatalog catalog, SloBudgets budgets, SloIncidents incidents)
{
    public const string Name = "/slo";
    private const int MaxReason = 200;

    private static readonly CommandVerb s_list = CommandVerb.For<SloCommands>(
        "list", "list", $"lists the SLOs with the error budget left and the burn rate, worst first (`{Name}` alone does too)", IncidentArgument.None,
        (commands, _, cancellationToken) => commands.ListAsync(cancellationToken));

    private static readonly CommandVerb s_show = CommandVerb.For<SloCommands>(
        "show", "show NAME", "shows one SLO: its objective, alert windows, error budget over the period and the incidents that burned it", IncidentArgument.None,
        (commands, request, cancellationToken) => commands.ShowAsync(request, cancellationToken));

    public static readonly CommandTable Table = new(
        Name,
        "shows the SLOs and their error budgets, read from Prometheus. NAME is an SLO's id, `<service>-<name>`, such as `checkout-availability`.",
        [s_list, s_show])
    {
        DefaultVerb = s_list.Name,
    };

    private async Task<SlackReply?> ListAsync(CancellationToken cancellationToken)
    {
        if (catalog.All.Count == 0)
        {
            return new SlackReply("No SLOs are configured (settings `Slos:Files`).");
        }
        var text = new StringBuilder($"*SLOs*, worst first (error budget left over {SloWindow.Period.Name} · burn rate now)");
        foreach (SloStatus status in await budgets.ListAsync(cancellationToken))
        {
            text.Append("\n• ").Append(Heading(status.Slo)).Append(": ").Append(Figures(status));
        }
        return new SlackReply(text.ToString());
    }

    private async Task<SlackReply?> ShowAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (request.Arguments.Next() is not { } name)
        {
            return new SlackReply($"Which SLO? {request.Usage}; `{Name} list` lists them.");
        }
        string id = SlackCommandText.ToPlainText(name);
        if (catalog.All.FirstOrDefault(slo => string.Equals(slo.Id, id, StringComparison.OrdinalIgnoreCase)) is not { } found)
        {
            return new SlackReply($"There is no SLO “{Mrkdwn.Escape(BlockKitText.Ellipsize(id, 60))}”; `{Name} list` lists them.");
        }
        SloStatus status = await budgets.ReadAsync(found, cancellationToken);
        var text = new StringBuilder(Heading(found));
        if (found.Description is { Length: > 0 } description)
        {
            text.Append(" · ").Append(Mrkdwn.Escape(description));
        }
        text.Append(CultureInfo.InvariantCulture, $"\nError budget over {SloWindow.Period.Name}: {Number(found.ErrorBudget * 100)}% of events · ").Append(Figures(status));
        text.Append("\n*Alert windows* (burn rate over the short and the long window)");
        foreach (BurnRateWindow window in BurnRateWindow.All)
        {
            string alert = found.AlertOf(window.Severity)?.Name is { } alertName ? Mrkdwn.Escape(alertName) : "disabled";
            text.Append(CultureInfo.InvariantCulture,
                $"\n• {SlothNames.SeverityValue(window.Severity)} ({alert}): over {Number(window.Factor)}x in {window.ShortWindow.Name} and {window.LongWindow.Name}, now {Burn(status.BurnRateOver(window.ShortWindow))} and {Burn(status.BurnRateOver(window.LongWindow))}");
        }
        IReadOnlyList<Incident> burned = await incidents.LatestAsync(found.Id, cancellationToken);
        text.Append("\n*Incidents that burned it*");
        if (burned.Count == 0)
        {
            text.Append(": none on record");
        }
        foreach (Incident incident in burned)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n• {incident.Key} {incident.Severity.ToDisplay()} {incident.Status} · {Mrkdwn.Escape(BlockKitText.Ellipsize(incident.Title, 80))} · opened {Mrkdwn.Date(incident.OpenedAt)} · {Used(incident.Slo!)}");
        }
        return new SlackReply(text.ToString());
    }

    private static string Heading(Slo slo) => $"*{Mrkdwn.Escape(slo.Id)}* ({slo.Objective.ToString("0.####", CultureInfo.InvariantCulture)}%)";

    private static string Figures(SloStatus status)
    {
        SloReading reading = SloReading.From(status, default);
        string budget = reading.BudgetRemaining is null ? "budget unknown" : $"*{reading.BudgetText}* left";
        string why = status.Unknown is { Length: > 0 } unknown ? $" ({Mrkdwn.Escape(BlockKitText.Ellipsize(unknown, MaxReason))})" : "";
        return $"{budget} · burn rate *{reading.BurnRateText}*{why}";
    }

    private static string Used(IncidentSlo slo) => slo.BudgetConsumed is { } used
        ? $"used {SloReading.Percent(used)} of the budget ({slo.AtOpen!.BudgetText} → {slo.AtResolve!.BudgetText})"
        : $"budget at opening {slo.AtOpen?.BudgetText ?? "not read yet"}";

    private static string Burn(double? burn) => burn is { } value ? $"{Number(value)}x" : "unknown";

    private static string Number(double value) => SloReading.Shown(value).ToString("0.##", CultureInfo.InvariantCulture);
}
