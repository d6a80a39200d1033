using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Delivery;
using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.TestSupport.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;

namespace ChatOpsIncidents.Bot.Tests.Slack.Runbooks;

/// <summary>
/// <c>/runbook</c> from Slack against the real bot, the Slack stand-in and the Kubernetes stand-in, in a channel that belongs
/// to an incident opened by Alertmanager for deployment payments/checkout-api.
/// </summary>
public sealed class RunbookSlackTests : IAsyncLifetime
{
    private const string Restart = "/apis/apps/v1/namespaces/payments/deployments/checkout-api";
    private readonly string _folder = Directory.CreateTempSubdirectory("runbook-slack-").FullName;
    private KubernetesStandIn _k8s = null!;
    private SlackBot _bot = null!;
    private IncidentKey _incident;
    private int _clicks;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _k8s = await KubernetesStandIn.StartAsync(Ct);
        _k8s.Cluster.AddDeployment("payments", "checkout-api");
        string kubeconfig = Path.Combine(_folder, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, _k8s.Kubeconfig(), Ct);
        _bot = await SlackBot.StartAsync(new Dictionary<string, string?>
        {
            ["Kubernetes:KubeconfigPath"] = kubeconfig,
            ["Kubernetes:AllowedNamespaces:0"] = "payments",
        }, WithoutIncidentDelivery);
        _bot.Slack.Workspace.AddUserGroup("oncall", SlackBot.UserId); // the shipped write runbooks are allowed to @oncall
        Assert.Equal(HttpStatusCode.OK, (await _bot.Host.PostWebhookAsync(Payloads.Firing)).StatusCode);
        _incident = (await _bot.Host.ListIncidentsAsync()).Items.Single().Key is var key && IncidentKey.TryParse(key, out IncidentKey parsed) ? parsed : default;
        _bot.Channels.FindByChannelAsync(_bot.OpsChannel, Arg.Any<CancellationToken>()).Returns(_incident);
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _k8s.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// The incident's own channel, card and announcement are not under test here; on a clock that stands still their calls
    /// would spend the Slack rate-limit bursts the run's progress messages need.
    /// </summary>
    private static void WithoutIncidentDelivery(IServiceCollection services) =>
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SlackOutboxDispatcher)));

    [Fact]
    public async Task A_confirmed_runbook_run_in_an_incident_channel_sends_kubectls_patch_ends_done_and_is_on_the_timeline_as_who_ran_it()
    {
        JsonObject confirmation = await ReplyAsync("run restart-deployment");
        Assert.Empty(_k8s.Requests); // nothing before the confirmation
        string runValue = confirmation["blocks"]![1]!["elements"]![0]!["value"]!.GetValue<string>();

        HttpResponseMessage click = await _bot.InteractAsync(InteractionPayloads.ButtonPress(
            RunbookActions.Confirm, runValue, channel: _bot.OpsChannel, responseUrl: Requests.RecordingResponseUrls.Url));
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        await _bot.WhenIdleAsync();

        Assert.Equal("Run *Restart a deployment* (`restart-deployment`) on deployment payments/checkout-api?", confirmation["text"]!.GetValue<string>());
        RecordedKubernetesRequest patch = Assert.Single(_k8s.Requests, r => r.Method == "PATCH");
        Assert.Equal(Restart + "?fieldManager=chatops-incidents", patch.PathAndQuery);
        Assert.Equal("application/strategic-merge-patch+json", patch.MediaType);
        Assert.Equal("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-03-02T09:15:00Z"}}}}}""", patch.Body);
        Assert.Equal($"Bearer {KubernetesStandIn.Token}", patch.Authorization);

        var progress = _bot.Slack.Workspace.Messages(_bot.OpsChannel).Single(m => m.Text?.StartsWith("Runbook restart-deployment run", StringComparison.Ordinal) == true);
        Assert.EndsWith("done", progress.Text);
        Assert.Contains("✅ 2. Wait for the rollout — done: deployment checkout-api successfully rolled out", progress.Blocks![1]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        Incident incident = await _bot.IncidentAsync(_incident);
        List<TimelineEntry> runbookEntries = [.. incident.Timeline.Where(e => e.Kind.ToString().StartsWith("Runbook", StringComparison.Ordinal))];
        Assert.Equal([TimelineEntryKind.RunbookStarted, TimelineEntryKind.RunbookStep, TimelineEntryKind.RunbookStep, TimelineEntryKind.RunbookFinished], runbookEntries.Select(e => e.Kind));
        Assert.All(runbookEntries, entry => Assert.Equal((ActorKind.SlackUser, SlackBot.UserId), (entry.ActorKind, entry.ActorId)));
        Assert.Equal("Run 1 of runbook restart-deployment succeeded", runbookEntries[^1].Text);
        Assert.StartsWith("▶️ Started run 1 of `restart-deployment` on deployment payments/checkout-api.", _bot.ResponseUrls.Texts[^1]);
    }

    [Fact]
    public async Task The_list_stars_the_runbooks_that_fit_the_channels_incident_and_promises_no_star_where_none_fits()
    {
        IncidentKey declared = await _bot.DeclareAsync("Nothing a runbook fits");
        _bot.Channels.FindByChannelAsync("C0OTHER01", Arg.Any<CancellationToken>()).Returns(declared);

        string fitting = (await ReplyAsync("list"))["text"]!.GetValue<string>();
        HttpResponseMessage other = await _bot.CommandAsync("list", channel: "C0OTHER01", command: "/runbook");
        string none = (await other.Content.ReadFromJsonAsync<JsonObject>(Ct))!["text"]!.GetValue<string>();

        Assert.StartsWith($"*Runbooks* (⭐ fit the alerts of {_incident})\n⭐ `pod-crash-loop` ", fitting, StringComparison.Ordinal);
        Assert.StartsWith("*Runbooks*\n• ", none, StringComparison.Ordinal);
        Assert.DoesNotContain("⭐", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmation_runs_once_only_for_the_person_it_was_shown_to_and_not_after_it_expired()
    {
        string twice = (await ReplyAsync("run restart-deployment"))["blocks"]![1]!["elements"]![0]!["value"]!.GetValue<string>();
        string someoneElses = (await ReplyAsync("run restart-deployment"))["blocks"]![1]!["elements"]![0]!["value"]!.GetValue<string>();
        string expired = (await ReplyAsync("run restart-deployment"))["blocks"]![1]!["elements"]![0]!["value"]!.GetValue<string>();

        await ConfirmAsync(twice);
        await ConfirmAsync(twice);
        string secondClick = _bot.ResponseUrls.Texts[^1];
        await ConfirmAsync(someoneElses, SlackBot.OtherUserId);
        string otherPerson = _bot.ResponseUrls.Texts[^1];
        _bot.Time.Advance(TimeSpan.FromMinutes(11));
        await ConfirmAsync(expired);

        Assert.Single(_k8s.Requests, r => r.Method == "PATCH");
        Assert.Equal(
            [RunbookActionHandler.ExpiredOrUsed, RunbookActionHandler.ExpiredOrUsed, RunbookActionHandler.ExpiredOrUsed],
            [secondClick, otherPerson, _bot.ResponseUrls.Texts[^1]]);
    }

    [Fact]
    public async Task A_confirm_action_never_shown_as_a_confirmation_runs_nothing()
    {
        await ConfirmAsync($$$"""{"runbook":"restart-deployment","incident":{{{_incident.Number}}},"parameters":{"namespace":"payments","deployment":"checkout-api"}}""");
        await ConfirmAsync(Guid.NewGuid().ToString("N"));

        Assert.Empty(_k8s.Requests);
        Assert.Equal(RunbookActionHandler.ExpiredOrUsed, _bot.ResponseUrls.Texts[^1]);
    }

    [Fact]
    public async Task A_dry_run_shows_the_exact_requests_and_sends_none()
    {
        string reply = (await ReplyAsync("run restart-deployment --dry-run"))["text"]!.GetValue<string>();

        Assert.Contains("PATCH /apis/apps/v1/namespaces/payments/deployments/checkout-api?fieldManager=chatops-incidents (application/strategic-merge-patch+json) "
            + """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-03-02T09:15:00Z"}}}}}""", reply, StringComparison.Ordinal);
        Assert.Empty(_k8s.Requests);
        Assert.Equal(TimelineEntryKind.RunbookDryRun, (await _bot.IncidentAsync(_incident)).Timeline[^1].Kind);
    }

    [Fact]
    public async Task A_namespace_outside_the_allowlist_is_refused_in_slack_and_nothing_is_sent()
    {
        string reply = (await ReplyAsync("run restart-deployment namespace=kube-system"))["text"]!.GetValue<string>();

        Assert.Equal("🚫 restart-deployment, step “Restart the deployment”: namespace kube-system is not one runbooks may touch (Kubernetes:AllowedNamespaces: payments).", reply);
        Assert.Empty(_k8s.Requests);
    }

    [Fact]
    public async Task The_incident_card_menu_offers_the_runbooks_that_fit_its_alerts_and_choosing_one_asks_to_confirm()
    {
        string option = IncidentMenuChoice.RunRunbook(_incident, "pod-crash-loop").Value;

        await _bot.InteractAsync(InteractionPayloads.MenuChoice(IncidentCardActions.Menu, option, channel: _bot.OpsChannel, responseUrl: Requests.RecordingResponseUrls.Url));
        await _bot.WhenIdleAsync();

        JsonObject answer = _bot.ResponseUrls.Posts[^1].Body;
        Assert.Equal("Run *Pod crash loop* (`pod-crash-loop`) on deployment payments/checkout-api?", answer["text"]!.GetValue<string>());
        Assert.Equal(RunbookActions.Confirm, answer["blocks"]![1]!["elements"]![0]!["action_id"]!.GetValue<string>());
        Assert.Empty(_k8s.Requests);
    }

    [Fact]
    public async Task An_auto_runbook_runs_by_itself_when_its_alert_fires_and_the_timeline_says_an_alert_started_it()
    {
        string diskPressure = Payloads.Firing.Replace("KubePodCrashLooping", "KubeletDiskPressure", StringComparison.Ordinal)
            .Replace("\"fingerprint\": \"", "\"fingerprint\": \"d1", StringComparison.Ordinal)
            .Replace("\"groupKey\": \"", "\"groupKey\": \"disk-", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _bot.Host.PostWebhookAsync(diskPressure)).StatusCode);
        IncidentKey disk = new(_incident.Number + 1);

        for (int i = 0; i < 200 && !(await _bot.IncidentAsync(disk)).Timeline.Any(e => e.Kind == TimelineEntryKind.RunbookFinished); i++)
        {
            _bot.Time.Advance(TimeSpan.FromSeconds(1)); // the trigger looks for new alerts every Outbox:PollInterval
            await Task.Delay(25, Ct);
        }

        List<TimelineEntry> runbookEntries = [.. (await _bot.IncidentAsync(disk)).Timeline.Where(e => e.Kind.ToString().StartsWith("Runbook", StringComparison.Ordinal))];
        Assert.StartsWith("Started runbook disk-pressure automatically on deployment payments/checkout-api", runbookEntries[0].Text);
        Assert.All(runbookEntries, entry => Assert.Equal((ActorKind.Runbook, "disk-pressure"), (entry.ActorKind, entry.ActorId)));
        Assert.EndsWith("succeeded", runbookEntries[^1].Text);
        Assert.All(_k8s.Requests, request => Assert.Equal("GET", request.Method)); // diagnostics only
    }

    [Fact]
    public async Task Gathered_logs_of_a_public_incident_channel_go_redacted_only_to_the_person_who_ran_the_runbook()
    {
        _k8s.Cluster.AddDeployment("payments", "billing-secrets");
        _k8s.Cluster.CrashLoop("payments", "billing-secrets-7c9d8f6b5-pod1", "starting with SECRET_DB_PASSWORD=hunter2\n");

        await ReplyAsync("run disk-pressure deployment=billing-secrets");
        await _bot.WhenIdleAsync();

        Assert.DoesNotContain(_bot.Slack.Calls, call => Encoding.UTF8.GetString(call.Body).Contains("hunter2", StringComparison.Ordinal));
        Assert.Empty(_bot.Slack.CallsTo("files.completeUploadExternal"));
        RecordedCall shown = Assert.Single(_bot.Slack.CallsTo("chat.postEphemeral"));
        Assert.Equal((_bot.OpsChannel, SlackBot.UserId), (shown.Json!["channel"]!.GetValue<string>(), shown.Json["user"]!.GetValue<string>()));
        Assert.Contains("SECRET_DB_PASSWORD=[redacted]", shown.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_run_reads_it_back_from_the_database()
    {
        string reply = (await ReplyAsync("status 99"))["text"]!.GetValue<string>();

        Assert.Equal("There is no run 99.", reply);
    }

    /// <summary>Presses Run; each press is a click of its own (its own trigger and time), not a retry of the last.</summary>
    private async Task ConfirmAsync(string value, string user = SlackBot.UserId)
    {
        JsonObject press = InteractionPayloads.ButtonPress(RunbookActions.Confirm, value, user, channel: _bot.OpsChannel, responseUrl: Requests.RecordingResponseUrls.Url);
        string click = (++_clicks).ToString(CultureInfo.InvariantCulture);
        press["trigger_id"] = $"1111111111.3333333333.{click}";
        press["actions"]![0]!["action_ts"] = $"1772443010.{click}";
        HttpResponseMessage answer = await _bot.InteractAsync(press);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await _bot.WhenIdleAsync();
    }

    private async Task<JsonObject> ReplyAsync(string text)
    {
        HttpResponseMessage response = await _bot.CommandAsync(text, command: "/runbook");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }
}
