using System.Net;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>Issue 22: an incident marked not actionable (noise) asks for no postmortem; its channel hears why.</summary>
public sealed class NoiseDeliveryTests
{
    private const string NotAsked = "📘 No postmortem is asked for: the incident was marked not actionable (noise)";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_incident_resolved_as_noise_shares_no_postmortem_draft_and_its_channel_hears_why()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, slack.Workspace.AddChannel("incidents")), clock);
        await bot.PostWebhookAsync(Payloads.Firing);
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.Equal(HttpStatusCode.OK, (await ResolveAsNoiseAsync(bot)).StatusCode);
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.Empty(slack.CallsTo("files.completeUploadExternal"));
        Assert.Equal(NotAsked, ManualDelivery.LinesIn(slack, ManualDelivery.ChannelOf(slack, "INC-1"))[^1]);
    }

    [Fact]
    public async Task Marking_an_incident_its_alerts_resolved_as_noise_deletes_the_draft_shared_and_its_channel_hears_why()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, slack.Workspace.AddChannel("incidents")), clock);
        await bot.PostWebhookAsync(Payloads.Firing);
        await ManualDelivery.DrainAsync(bot, clock);
        await bot.PostWebhookAsync(Payloads.Resolved);
        await ManualDelivery.DrainAsync(bot, clock);
        Assert.Single(slack.Workspace.SharedFiles());

        Assert.Equal(HttpStatusCode.OK, (await ResolveAsNoiseAsync(bot)).StatusCode);
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.Single(slack.CallsTo("files.delete"));
        Assert.Empty(slack.Workspace.SharedFiles());
        Assert.Equal($"{NotAsked}; its draft and reminders are withdrawn", ManualDelivery.LinesIn(slack, ManualDelivery.ChannelOf(slack, "INC-1"))[^1]);
    }

    private static Task<HttpResponseMessage> ResolveAsNoiseAsync(BotHost bot) =>
        bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-1/resolve", new { noise = true, note = "fires on every deploy" }, Ct);
}
