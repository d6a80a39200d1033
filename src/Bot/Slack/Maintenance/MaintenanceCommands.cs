using System.Globalization;
using ChatOpsIncidents.Bot.Maintenance;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Requests;

namespace ChatOpsIncidents.Bot.Slack.Maintenance;

/// <summary>
/// <c>/maintenance</c>: maintenance windows, the alerts they match silenced in Alertmanager while they last. Times are read
/// and shown in the person's Slack time zone (<c>users.info</c>), with UTC beside them. Each verb asks Alertmanager after
/// the answer, since it may take longer than Slack waits, and tells the person what came of it.
/// </summary>
internal sealed class MaintenanceCommands(MaintenanceWindows windows, SlackBackgroundWork background)
{
    public const string Name = "/maintenance";

    public static readonly CommandVerb Add = CommandVerb.For<MaintenanceCommands>(
        "add", MaintenanceRequest.Usage,
        "holds back the alerts matching MATCHERS (`service=checkout`, `namespace=payments`…) from TIME (`2026-12-08 22:00`, `22:00` or `now`, in your time zone) for DURATION (`30m`, `4h`, `2d`; at most 7d)",
        IncidentArgument.None,
        (commands, request, _) => Task.FromResult(commands.StartAdd(request)))
        .ChangingTheIncident();

    public static readonly CommandVerb List = CommandVerb.For<MaintenanceCommands>(
        "list", "list", "lists the maintenance windows to come and under way", IncidentArgument.None,
        (commands, request, _) => Task.FromResult(commands.StartList(request)));

    public static readonly CommandVerb Cancel = CommandVerb.For<MaintenanceCommands>(
        "cancel", "cancel ID", "ends a maintenance window, or takes back one to come", IncidentArgument.None,
        (commands, request, _) => Task.FromResult(commands.StartCancel(request)))
        .ChangingTheIncident();

    public static readonly CommandTable Table = new(
        Name, "holds back alerts during planned work: Alertmanager silences that start when the window does.", [Add, List, Cancel]);

    private SlackReply? StartAdd(CommandRequest request)
    {
        if (!windows.IsConfigured)
        {
            return new SlackReply(MaintenanceWindows.NotConfigured);
        }
        if (MaintenanceRequest.Parse(SlackCommandText.ToPlainText(request.Arguments.Rest), out string? error) is not { } maintenance)
        {
            return new SlackReply($"{Mrkdwn.Escape(error!)} Usage: {request.Usage}");
        }
        CommandCaller caller = request.Caller;
        FollowUp(caller, "making a maintenance window", async (services, token) =>
        {
            SlackUser person = await services.GetRequiredService<ISlackApi>().GetUserAsync(caller.UserId, token);
            MaintenanceTime zone = MaintenanceTime.For(person.Tz);
            if (zone.Read(maintenance.Start, services.GetRequiredService<TimeProvider>().GetUtcNow(), out string? wrongTime) is not { } start)
            {
                return $"{Mrkdwn.Escape(wrongTime!)} Nothing was made.";
            }
            string id = await services.GetRequiredService<MaintenanceWindows>().AddAsync(maintenance, start, caller.UserName ?? caller.UserId, token);
            return $"🛠️ Maintenance window `{id}`: {Window(zone, start, start + maintenance.Length)} for {Mrkdwn.Escape(MaintenanceRequest.Describe(maintenance.Matchers))} · {Mrkdwn.Escape(maintenance.Reason)}";
        });
        return new SlackReply("Making the maintenance window in Alertmanager…");
    }

    private SlackReply? StartList(CommandRequest request)
    {
        if (!windows.IsConfigured)
        {
            return new SlackReply(MaintenanceWindows.NotConfigured);
        }
        CommandCaller caller = request.Caller;
        FollowUp(caller, "listing maintenance windows", async (services, token) =>
        {
            IReadOnlyList<GettableSilence> listed = await services.GetRequiredService<MaintenanceWindows>().ListAsync(token);
            if (listed.Count == 0)
            {
                return "No maintenance window is to come or under way.";
            }
            SlackUser person = await services.GetRequiredService<ISlackApi>().GetUserAsync(caller.UserId, token);
            MaintenanceTime zone = MaintenanceTime.For(person.Tz);
            return string.Join('\n', listed.Select(window =>
                $"• `{Mrkdwn.Escape(window.Id)}` {Window(zone, window.StartsAt, window.EndsAt)} for {Mrkdwn.Escape(MaintenanceRequest.Describe(window.Matchers))}"
                + $" · {Mrkdwn.Escape(MaintenanceWindows.ReasonOf(window))} (by {Mrkdwn.Escape(window.CreatedBy)})"));
        });
        return new SlackReply("Asking Alertmanager for the maintenance windows…");
    }

    private SlackReply? StartCancel(CommandRequest request)
    {
        if (!windows.IsConfigured)
        {
            return new SlackReply(MaintenanceWindows.NotConfigured);
        }
        if (request.Arguments.Next() is not { } id || !Guid.TryParse(id, out _))
        {
            return new SlackReply($"Which window? Its ID is in `{Name} list`. Usage: {request.Usage}");
        }
        CommandCaller caller = request.Caller;
        FollowUp(caller, "cancelling a maintenance window", async (services, token) =>
            await services.GetRequiredService<MaintenanceWindows>().CancelAsync(id, caller.UserName ?? caller.UserId, token)
            ? $"Cancelled the maintenance window `{id}`: its alerts page again."
            : $"No maintenance window `{id}` is to come or under way: `{Name} list` shows them.");
        return new SlackReply($"Cancelling the maintenance window `{id}` in Alertmanager…");
    }

    /// <summary>Runs <paramref name="work"/> after the answer and tells the person its text, or what Alertmanager did wrong.</summary>
    private void FollowUp(CommandCaller caller, string what, Func<IServiceProvider, CancellationToken, Task<string>> work) =>
        background.Start(what, async (services, token) =>
        {
            string told;
            try
            {
                told = await work(services, token);
            }
            catch (AlertmanagerApiException exception)
            {
                told = $"⚠️ {Mrkdwn.Escape(exception.Message)}";
            }
            await services.GetRequiredService<SlackFollowUp>().TellAsync(caller.ReplyTarget, told, token);
        });

    /// <summary>"from Tue 2026-12-08 22:00 Europe/Berlin (21:00 UTC) to …", each end also as a date Slack shows in the reader's zone.</summary>
    private static string Window(MaintenanceTime zone, DateTimeOffset start, DateTimeOffset end) => string.Create(CultureInfo.InvariantCulture,
        $"from {zone.Show(start)} to {zone.Show(end)} ({Mrkdwn.Date(start)} – {Mrkdwn.Date(end)} your time)");
}
