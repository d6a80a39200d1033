using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Silences;
using ChatOpsIncidents.Bot.Tests.Faults;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Silences;

/// <summary>
/// Silences made and lifted from Slack in a real Alertmanager, which delivers to the real bot over loopback HTTP. The bot's
/// clock stands at the real time (Alertmanager refuses silences that ended), and moves only when a test moves it.
/// </summary>
public sealed class SilenceFromSlackTests(PostgresServer postgres)
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);
    private static readonly IncidentKey s_first = new(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Alert(string pod, DateTimeOffset startsAt) => $$$"""
        {"startsAt":"{{{startsAt:O}}}","labels":{"alertname":"KubePodCrashLooping","namespace":"payments","pod":"{{{pod}}}","severity":"critical"},
         "annotations":{"summary":"checkout-api is crash looping"}}
        """;

    /// <summary>The bot on <paramref name="port"/> with <paramref name="alertmanagerUrls"/> as Alertmanager:Urls (none: not configured).</summary>
    private async Task<SlackBot> StartBotAsync(DatabaseProvider provider, int port, params string[] alertmanagerUrls)
    {
        Dictionary<string, string?> settings = await FaultDatabase.SettingsAsync(provider, postgres, Ct);
        for (int i = 0; i < alertmanagerUrls.Length; i++)
        {
            settings[$"Alertmanager:Urls:{i}"] = alertmanagerUrls[i];
        }
        SlackBot bot = await SlackBot.StartAsync(settings, now: DateTimeOffset.UtcNow);
        bot.Host.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        bot.Host.StartServer();
        return bot;
    }

    /// <summary>A real Alertmanager delivering to the bot over loopback, and the bot, with two alerts of one group firing in both.</summary>
    private async Task<(AlertmanagerServer Alertmanager, SlackBot Bot)> StartWithIncidentAsync(DatabaseProvider provider)
    {
        int port = FreePort.Next();
        AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(new Uri($"http://127.0.0.1:{port}/webhooks/alertmanager"), null, Ct);
        SlackBot bot = await StartBotAsync(provider, port, alertmanager.BaseAddress.AbsoluteUri);
        DateTimeOffset startsAt = DateTimeOffset.UtcNow;
        await alertmanager.PostAlertsAsync($"[{Alert("checkout-a", startsAt)},{Alert("checkout-b", startsAt)}]", Ct);
        await WaitForAlertsAsync(bot, 2, alertmanager);
        return (alertmanager, bot);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_silence_made_from_Slack_holds_back_the_incidents_alerts_in_Alertmanager_until_it_is_lifted(DatabaseProvider provider)
    {
        (AlertmanagerServer alertmanager, SlackBot bot) = await StartWithIncidentAsync(provider);
        await using (alertmanager)
        await using (bot)
        {
            HttpResponseMessage shown = await bot.CommandAsync("silence INC-1 1h deploying checkout");
            string question = await SlackBot.ReplyTextAsync(shown);
            Assert.Equal(
                "Silence *INC-1* for 1h, until " + Mrkdwn(bot.Time.GetUtcNow().AddHours(1)) + "? Alertmanager will hold back every alert matching "
                + "`alertname=\"KubePodCrashLooping\"`, `namespace=\"payments\"`, `severity=\"critical\"`. Comment: “INC-1: deploying checkout”.",
                question);
            Assert.Empty(await alertmanager.SilencesAsync(Ct)); // shown, not made

            await bot.InteractAsync(await PressSilenceAsync(shown));
            await bot.WhenIdleAsync();

            Incident silenced = await bot.IncidentAsync(s_first);
            JsonNode silence = Assert.Single(await alertmanager.SilencesAsync(Ct))!;
            Assert.Equal((silenced.SilenceId, "active", SlackBot.UserName, "INC-1: deploying checkout"),
                ((string?)silence["id"], (string?)silence["status"]!["state"], (string?)silence["createdBy"], (string?)silence["comment"]));
            Assert.Equal(["alertname=KubePodCrashLooping", "namespace=payments", "severity=critical"],
                silence["matchers"]!.AsArray().Select(m => $"{m!["name"]}={m["value"]}").Order());
            Assert.Equal($"🔕 Silenced the alerts of *INC-1* until {Mrkdwn(bot.Time.GetUtcNow().AddHours(1))} (silence `{silenced.SilenceId}`).", bot.ResponseUrls.Texts[^1]);
            Assert.Equal(SlackBot.UserId, silenced.Timeline.Single(e => e.Kind == TimelineEntryKind.Silenced).ActorId);

            await alertmanager.PostAlertsAsync($"[{Alert("checkout-c", DateTimeOffset.UtcNow)}]", Ct);
            await Task.Delay(TimeSpan.FromSeconds(4), Ct); // four of Alertmanager's 1 s group intervals
            Assert.Equal(2, (await bot.IncidentAsync(s_first)).Alerts.Count);

            Assert.Equal("Lifting the silence of *INC-1* in Alertmanager…", await bot.ReplyToAsync("unsilence INC-1"));
            await bot.WhenIdleAsync();

            Assert.Equal($"🔔 Lifted the silence `{silenced.SilenceId}` of *INC-1*: its alerts page again.", bot.ResponseUrls.Texts[^1]);
            Assert.Equal("expired", (string?)Assert.Single(await alertmanager.SilencesAsync(Ct))!["status"]!["state"]);
            Incident lifted = await WaitForAlertsAsync(bot, 3, alertmanager);
            Assert.Null(lifted.SilenceId);
            Assert.Equal($"Silence {silenced.SilenceId} lifted: lifted by {SlackBot.UserName}", lifted.Timeline.Single(e => e.Kind == TimelineEntryKind.SilenceLifted).Text);
        }
    }

    [Fact]
    public async Task A_silence_until_resolved_from_the_cards_menu_is_expired_in_Alertmanager_when_the_incident_resolves()
    {
        (AlertmanagerServer alertmanager, SlackBot bot) = await StartWithIncidentAsync(DatabaseProvider.Sqlite);
        await using (alertmanager)
        await using (bot)
        {
            await bot.InteractAsync(InteractionPayloads.MenuChoice(IncidentCardActions.Menu, "INC-1|silence|until-resolved", responseUrl: RecordingResponseUrls.Url));
            await bot.WhenIdleAsync();
            JsonObject shown = bot.ResponseUrls.Posts[^1].Body;
            Assert.StartsWith("Silence *INC-1* until it is resolved (at the latest ", (string?)shown["text"], StringComparison.Ordinal);
            await bot.InteractAsync(PressSilence(shown));
            await bot.WhenIdleAsync();
            Assert.Equal("active", (string?)Assert.Single(await alertmanager.SilencesAsync(Ct))!["status"]!["state"]);

            await using (AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<IncidentService>().ResolveAsync(s_first, Actor.SlackUser(SlackBot.UserId, SlackBot.UserName), null, Ct);
            }

            using var deadline = new CancellationTokenSource(s_patience);
            while ((await bot.IncidentAsync(s_first)).SilenceId is not null)
            {
                Assert.False(deadline.IsCancellationRequested, "The silence of the resolved incident was not lifted.");
                bot.Time.Advance(SilenceUpkeepWorker.Interval);
                await Task.Delay(100, Ct);
            }
            Assert.Equal("expired", (string?)Assert.Single(await alertmanager.SilencesAsync(Ct))!["status"]!["state"]);
            Assert.Equal(TimelineEntryKind.SilenceLifted, (await bot.IncidentAsync(s_first)).Timeline[^1].Kind);
        }
    }

    [Fact]
    public async Task When_no_Alertmanager_answers_the_person_is_told_and_nothing_is_recorded()
    {
        await using SlackBot bot = await StartBotAsync(DatabaseProvider.Sqlite, FreePort.Next(), $"http://127.0.0.1:{FreePort.Next()}/");
        Assert.Equal(HttpStatusCode.OK, (await bot.Host.PostWebhookAsync(AlertBurst.Webhook(0, 2))).StatusCode);
        int entries = (await bot.IncidentAsync(s_first)).Timeline.Count;

        await bot.InteractAsync(await PressSilenceAsync(await bot.CommandAsync("silence INC-1 4h")));
        await bot.WhenIdleAsync();

        Assert.StartsWith("⚠️ Nothing was silenced: No Alertmanager could create the silence: http://127.0.0.1:", bot.ResponseUrls.Texts[^1], StringComparison.Ordinal);
        Incident incident = await bot.IncidentAsync(s_first);
        Assert.Null(incident.SilenceId);
        Assert.Equal(entries, incident.Timeline.Count);
    }

    [Fact]
    public async Task Without_Alertmanager_urls_silencing_and_unsilencing_say_it_is_not_configured()
    {
        await using SlackBot bot = await StartBotAsync(DatabaseProvider.Sqlite, FreePort.Next());
        await bot.Host.PostWebhookAsync(AlertBurst.Webhook(0, 2));

        Assert.Equal(IncidentSilencing.NotConfigured, await bot.ReplyToAsync("silence INC-1 1h"));
        Assert.Equal(IncidentSilencing.NotConfigured, await bot.ReplyToAsync("unsilence INC-1"));
    }

    [Fact]
    public async Task Only_the_person_shown_the_silence_and_only_a_responder_can_make_it()
    {
        Dictionary<string, string?> settings = new() { ["Alertmanager:Urls:0"] = $"http://127.0.0.1:{FreePort.Next()}/", ["Slack:Responders:0"] = SlackBot.OtherUserId };
        await using SlackBot bot = await SlackBot.StartAsync(settings, now: DateTimeOffset.UtcNow);
        await bot.Host.PostWebhookAsync(AlertBurst.Webhook(0, 2));
        string value = $"INC-1 {SlackBot.UserId} 1h";

        await bot.InteractAsync(InteractionPayloads.ButtonPress(SilenceActions.Confirm, value, user: SlackBot.OtherUserId, responseUrl: RecordingResponseUrls.Url));
        await bot.InteractAsync(InteractionPayloads.ButtonPress(SilenceActions.Confirm, value, user: SlackBot.UserId, responseUrl: RecordingResponseUrls.Url));
        await bot.WhenIdleAsync();

        Assert.Contains($"This confirmation is for <@{SlackBot.UserId}>: nothing was silenced.", bot.ResponseUrls.Texts);
        Assert.Contains(bot.ResponseUrls.Texts, text => text.StartsWith("Only responders may change incidents here", StringComparison.Ordinal));
        Assert.Equal(2, bot.ResponseUrls.Texts.Count);
        Assert.StartsWith("🚫 ", await bot.ReplyToAsync("silence INC-1 1h"), StringComparison.Ordinal);
        Assert.Null((await bot.IncidentAsync(s_first)).SilenceId);
    }

    private static string Mrkdwn(DateTimeOffset at) => ChatOpsIncidents.Bot.Slack.BlockKit.Mrkdwn.Date(at);

    private static async Task<JsonObject> PressSilenceAsync(HttpResponseMessage shown) =>
        PressSilence(JsonNode.Parse(await shown.Content.ReadAsStringAsync(Ct))!.AsObject());

    /// <summary>The person pressing Silence on the confirmation <paramref name="shown"/>; fails when it has no Silence button.</summary>
    private static JsonObject PressSilence(JsonObject shown)
    {
        JsonNode? button = (shown["blocks"]?.AsArray() ?? [])
            .SelectMany(block => block?["elements"]?.AsArray() ?? [])
            .SingleOrDefault(element => (string?)element?["action_id"] == SilenceActions.Confirm);
        Assert.True(button is not null, $"No Silence button on the answer: {shown.ToJsonString()}");
        return InteractionPayloads.ButtonPress(SilenceActions.Confirm, (string)button["value"]!, responseUrl: RecordingResponseUrls.Url);
    }

    /// <summary>Alertmanager delivers after its 1 s group_wait and group_interval: polls, bounded, until INC-1 has <paramref name="count"/> alerts.</summary>
    private static async Task<Incident> WaitForAlertsAsync(SlackBot bot, int count, AlertmanagerServer alertmanager)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        while (true)
        {
            if (await bot.IncidentCountAsync() > 0 && await bot.IncidentAsync(s_first) is { } incident && incident.Alerts.Count == count)
            {
                return incident;
            }
            Assert.False(deadline.IsCancellationRequested, $"INC-1 did not get {count} alerts within {s_patience.TotalSeconds} s. Alertmanager's log:\n{alertmanager.Log}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
        }
    }
}
