using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Events;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using NSubstitute;

namespace ChatOpsIncidents.Bot.Tests.Slack.Events;

/// <summary><c>@bot ack|resolve|help</c> in an incident's channel, over the Events API (signed HTTP) and over Socket Mode.</summary>
public sealed class AppMentionTests
{
    private const string IncidentChannel = "C0INC0001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Mention(string text, string eventId = "Ev0MENTION1") => new()
    {
        ["token"] = "legacyVerifTok123",
        ["team_id"] = "T0INCBOT1",
        ["api_app_id"] = "A0CHATOPS",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1772443010,
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = SlackBot.UserId,
            ["text"] = text,
            ["ts"] = "1772443010.000200",
            ["channel"] = IncidentChannel,
            ["event_ts"] = "1772443010.000200",
        },
    };

    /// <summary>Declares an incident whose channel is <see cref="IncidentChannel"/>.</summary>
    private static async Task<IncidentKey> DeclareInChannelAsync(SlackBot bot)
    {
        IncidentKey key = await bot.DeclareAsync();
        bot.Channels.FindByChannelAsync(IncidentChannel, Arg.Any<CancellationToken>()).Returns(key);
        return key;
    }

    private static async Task MentionAsync(SlackBot bot, bool overSocket, JsonObject callback)
    {
        if (overSocket)
        {
            Assert.Null((await bot.Slack.SocketMode.SendAsync("events_api", callback, cancellationToken: Ct)).Payload);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, (await bot.EventAsync(callback)).StatusCode);
        }
        await bot.WhenIdleAsync();
    }

    private static string[] EphemeralTexts(SlackBot bot) => [.. bot.Slack.CallsTo("chat.postEphemeral")
        .Where(call => call.Json?["channel"]?.GetValue<string>() == IncidentChannel && call.Json?["user"]?.GetValue<string>() == SlackBot.UserId)
        .Select(call => call.Json?["text"]?.GetValue<string>() ?? "")];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Mentioning_the_bot_with_ack_in_an_incident_channel_acknowledges_it_and_tells_the_person(bool overSocket)
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: overSocket);
        IncidentKey key = await DeclareInChannelAsync(bot);

        await MentionAsync(bot, overSocket, Mention("<@U0INCBOT> ack"));

        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal(SlackBot.UserId, Assert.Single(incident.Timeline, entry => entry.Kind == TimelineEntryKind.Acknowledged).ActorId);
        Assert.Equal(["👀 Acknowledged *INC-1*: Checkout latency above SLO"], EphemeralTexts(bot));
    }

    [Fact]
    public async Task Mentioning_the_bot_with_resolve_while_alerts_fire_tells_the_warning_with_its_Resolve_button()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await bot.Host.PostWebhookAsync(Payloads.Firing)).StatusCode);
        var key = new IncidentKey(1);
        bot.Channels.FindByChannelAsync(IncidentChannel, Arg.Any<CancellationToken>()).Returns(key);

        await MentionAsync(bot, overSocket: false, Mention("<@U0INCBOT> resolve rolled back"));

        Assert.NotEqual(IncidentStatus.Resolved, (await bot.IncidentAsync(key)).Status);
        JsonNode? button = Assert.Single(bot.Slack.CallsTo("chat.postEphemeral")).Json?["blocks"]?[1]?["elements"]?[0];
        Assert.Equal(
            (IncidentCardActions.ConfirmResolve, $"{key} {SlackBot.UserId} rolled back"),
            (button?["action_id"]?.GetValue<string>(), button?["value"]?.GetValue<string>()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Mentioning_the_bot_with_resolve_and_a_note_resolves_with_that_note(bool overSocket)
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: overSocket);
        IncidentKey key = await DeclareInChannelAsync(bot);

        await MentionAsync(bot, overSocket, Mention("<@U0INCBOT|incidentbot> resolve rolled back the deploy"));

        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal("Resolved: rolled back the deploy", Assert.Single(incident.Timeline, entry => entry.Kind == TimelineEntryKind.Resolved).Text);
    }

    [Theory]
    [InlineData("<@U0INCBOT> help", false)]
    [InlineData("<@U0INCBOT> assign INC-1 me", true)]
    public async Task Help_shows_the_incident_commands_and_other_verbs_point_to_the_slash_command(string text, bool isOther)
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: false);
        IncidentKey key = await DeclareInChannelAsync(bot);

        await MentionAsync(bot, overSocket: false, Mention(text));

        Assert.Equal([isOther ? AppMentionHandler.Usage : ChatOpsIncidents.Bot.Slack.Commands.IncidentCommands.Table.Help], EphemeralTexts(bot));
        Assert.Null((await bot.IncidentAsync(key)).Assignee);
    }

    [Fact]
    public async Task A_retried_event_is_acted_on_once()
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: false);
        IncidentKey key = await DeclareInChannelAsync(bot);

        await MentionAsync(bot, overSocket: false, Mention("<@U0INCBOT> ack", eventId: "Ev0RETRIED1"));
        await MentionAsync(bot, overSocket: false, Mention("<@U0INCBOT> ack", eventId: "Ev0RETRIED1"));

        Assert.Single(EphemeralTexts(bot));
        Assert.Single((await bot.IncidentAsync(key)).Timeline, entry => entry.Kind == TimelineEntryKind.Acknowledged);
    }

    [Fact]
    public async Task The_url_verification_challenge_is_answered_when_signed_and_refused_when_not()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        var challenge = new JsonObject { ["token"] = "legacyVerifTok123", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" };

        HttpResponseMessage signed = await bot.EventAsync(challenge);
        using HttpRequestMessage forged = SignedSlackRequest.Create("/slack/events", challenge.ToJsonString(), bot.Time.GetUtcNow(), secret: "not-the-secret", contentType: "application/json");
        HttpResponseMessage unsigned = await bot.Host.CreateClient().SendAsync(forged, Ct);

        Assert.Equal((HttpStatusCode.OK, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), (signed.StatusCode, await signed.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }
}
