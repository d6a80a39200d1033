using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 16, finding 5: "Everyone in the workspace may act." The shipped write runbooks are allowed to the <c>@oncall</c> user
/// group (refused, saying so, until that group exists), and <c>Slack:Responders</c> limits who may change an incident.
/// </summary>
public sealed class ResponderAccessTests
{
    private const string NotResponder = "Only responders may change incidents here (@oncall, set in Slack:Responders). Ask one of them.";

    private static Dictionary<string, string?> OnCallResponders => new() { ["Slack:Responders:0"] = "@oncall" };

    [Fact]
    public async Task A_shipped_restart_runbook_is_refused_until_the_oncall_group_exists_and_then_runs_for_its_members()
    {
        await using SlackBot bot = await SlackBot.StartAsync(new() { ["Kubernetes:AllowedNamespaces:0"] = "payments" });
        const string DryRun = "run restart-deployment namespace=payments deployment=payments-ledger-db --dry-run";

        string beforeTheGroup = await bot.ReplyToCommandAsync("/runbook", DryRun);
        bot.Slack.Workspace.AddUserGroup("oncall", SlackBot.OtherUserId);
        bot.Time.Advance(TimeSpan.FromMinutes(1)); // the groups are read again after a minute
        string outsider = await bot.ReplyToCommandAsync("/runbook", DryRun);
        string member = await SlackBot.ReplyTextAsync(await bot.CommandAsync(DryRun, SlackBot.OtherUserId, command: "/runbook"));

        Assert.Equal("🚫 You may not run restart-deployment: it is limited to @oncall. There is no Slack user group @oncall yet: "
            + "create it in Slack and add the responders (or change `allowed` in the runbook's file).", beforeTheGroup);
        Assert.Equal("🚫 You may not run restart-deployment: it is limited to @oncall.", outsider);
        Assert.StartsWith("🧪 Dry run of `restart-deployment` on deployment payments/payments-ledger-db", member, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ack")]
    [InlineData("resolve")]
    [InlineData("severity SEV1")]
    [InlineData("commander me")]
    [InlineData("assign me")]
    [InlineData("note pods restarted")]
    public async Task Someone_outside_the_responders_may_not_change_an_incident_with_a_command(string change)
    {
        await using SlackBot bot = await SlackBot.StartAsync(OnCallResponders);
        bot.Slack.Workspace.AddUserGroup("oncall", SlackBot.UserId);
        IncidentKey key = await bot.DeclareAsync();
        string verb = change.Split(' ')[0];
        string rest = change[verb.Length..];

        string reply = await SlackBot.ReplyTextAsync(await bot.CommandAsync($"{verb} {key}{rest}", SlackBot.OtherUserId));

        Assert.Equal($"🚫 {NotResponder}", reply);
        Incident incident = await bot.IncidentAsync(key);
        Assert.Single(incident.Timeline);
        Assert.Equal((IncidentStatus.Triggered, Severity.Sev2, null, null), (incident.Status, incident.Severity, incident.Commander, incident.Assignee));
    }

    [Fact]
    public async Task A_member_of_a_responder_group_may_acknowledge_and_anyone_may_still_read()
    {
        await using SlackBot bot = await SlackBot.StartAsync(OnCallResponders);
        bot.Slack.Workspace.AddUserGroup("oncall", SlackBot.UserId);
        IncidentKey key = await bot.DeclareAsync();

        string acknowledged = await bot.ReplyToAsync($"ack {key}");
        string shown = await SlackBot.ReplyTextAsync(await bot.CommandAsync($"show {key}", SlackBot.OtherUserId));

        Assert.DoesNotContain("🚫", acknowledged, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Acknowledged, (await bot.IncidentAsync(key)).Status);
        Assert.Contains(key.ToString(), shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IncidentCardActions.Acknowledge)]
    [InlineData(IncidentCardActions.Resolve)]
    [InlineData(IncidentCardActions.AssignToMe)]
    public async Task Someone_outside_the_responders_may_not_change_an_incident_from_its_card(string button)
    {
        await using SlackBot bot = await SlackBot.StartAsync(OnCallResponders);
        bot.Slack.Workspace.AddUserGroup("oncall", SlackBot.UserId);
        IncidentKey key = await bot.DeclareAsync();

        await bot.InteractAsync(InteractionPayloads.ButtonPress(button, key.ToString(), SlackBot.OtherUserId, responseUrl: RecordingResponseUrls.Url));
        await bot.InteractAsync(InteractionPayloads.MenuChoice(
            IncidentCardActions.Menu, IncidentMenuChoice.ChangeSeverity(key, Severity.Sev1).Value, SlackBot.OtherUserId, responseUrl: RecordingResponseUrls.Url));
        await bot.WhenIdleAsync();

        Assert.Equal([NotResponder, NotResponder], bot.ResponseUrls.Texts);
        Incident incident = await bot.IncidentAsync(key);
        Assert.Single(incident.Timeline);
        Assert.Equal((IncidentStatus.Triggered, Severity.Sev2, null), (incident.Status, incident.Severity, incident.Assignee));
    }

    [Fact]
    public async Task The_start_up_log_says_who_may_change_incidents()
    {
        var everyone = new CapturedLogs();
        var limited = new CapturedLogs();
        await using (SlackBot open = await SlackBot.StartAsync(services: services => services.AddSingleton<ILoggerProvider>(everyone)))
        {
            _ = open.Host.Services;
        }
        await using SlackBot bot = await SlackBot.StartAsync(
            new() { ["Slack:Responders:0"] = "@oncall", ["Slack:Responders:1"] = "U0LEAD001" }, services => services.AddSingleton<ILoggerProvider>(limited));
        _ = bot.Host.Services;

        Assert.Contains(everyone.Entries, entry => entry.Message
            == "Everyone in the Slack workspace may change incidents (acknowledge, resolve, severity, roles): Slack:Responders is empty");
        Assert.Contains(limited.Entries, entry => entry.Message == "Only these may change incidents from Slack (Slack:Responders): @oncall, <@U0LEAD001>");
    }
}
