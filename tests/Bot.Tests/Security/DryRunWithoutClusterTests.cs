using System.Net;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 16, finding 7: "Dry runs need a cluster setting, though every document says they do not." A dry run works with no
/// cluster and shows the exact requests; a real run that cannot happen says why before asking to confirm; the card's menu
/// offers the dry run.
/// </summary>
public sealed class DryRunWithoutClusterTests
{
    private const string RestartPatch = "PATCH /apis/apps/v1/namespaces/payments/deployments/checkout-api?fieldManager=chatops-incidents "
        + """(application/strategic-merge-patch+json) {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-03-02T09:15:00Z"}}}}}""";

    [Fact]
    public async Task A_dry_run_with_no_kubernetes_configured_shows_the_exact_requests()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        bot.Slack.Workspace.AddUserGroup("oncall", SlackBot.UserId);

        string reply = await bot.ReplyToCommandAsync("/runbook", "run pod-crash-loop namespace=payments deployment=checkout-api --dry-run");

        Assert.StartsWith("🧪 Dry run of `pod-crash-loop` on deployment payments/checkout-api", reply, StringComparison.Ordinal);
        Assert.Contains("GET /apis/apps/v1/namespaces/payments/deployments/checkout-api", reply, StringComparison.Ordinal);
        Assert.Contains(RestartPatch, reply, StringComparison.Ordinal);
        Assert.EndsWith("A real run would be refused: Kubernetes is not configured on this bot: set Kubernetes:KubeconfigPath (or Kubernetes:InCluster) and Kubernetes:AllowedNamespaces.",
            reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_run_with_namespaces_set_but_no_cluster_says_why_before_asking_to_confirm()
    {
        await using SlackBot bot = await SlackBot.StartAsync(new() { ["Kubernetes:AllowedNamespaces:0"] = "payments" });
        bot.Slack.Workspace.AddUserGroup("oncall", SlackBot.UserId);

        string reply = await bot.ReplyToCommandAsync("/runbook", "run pod-crash-loop namespace=payments deployment=checkout-api");

        Assert.Equal("🚫 pod-crash-loop cannot run here: Kubernetes is not configured on this bot: set Kubernetes:KubeconfigPath (or Kubernetes:InCluster) "
            + "and Kubernetes:AllowedNamespaces. `--dry-run` shows what it would send.", reply);
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().PendingRunbookRuns.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_card_menus_dry_run_shows_the_requests_to_the_chooser_with_no_cluster_configured()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        bot.Slack.Workspace.AddUserGroup("oncall", SlackBot.UserId);
        Assert.Equal(HttpStatusCode.OK, (await bot.Host.PostWebhookAsync(Payloads.Firing)).StatusCode); // KubePodCrashLooping, payments/checkout-api
        Assert.True(IncidentKey.TryParse((await bot.Host.ListIncidentsAsync()).Items.Single().Key, out IncidentKey key));
        string dryRun = IncidentMenuChoice.RunRunbook(key, "pod-crash-loop", dryRun: true).Value;

        await bot.InteractAsync(InteractionPayloads.MenuChoice(IncidentCardActions.Menu, dryRun, responseUrl: RecordingResponseUrls.Url));
        await bot.WhenIdleAsync();

        string shown = Assert.Single(bot.ResponseUrls.Texts);
        Assert.StartsWith("🧪 Dry run of `pod-crash-loop` on deployment payments/checkout-api", shown, StringComparison.Ordinal);
        Assert.Contains(RestartPatch, shown, StringComparison.Ordinal);
        Assert.Equal(TimelineEntryKind.RunbookDryRun, (await bot.IncidentAsync(key)).Timeline[^1].Kind);
    }
}
