using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 15, finding 5: the channel topic was not cut to Slack's 250 characters and was set before the card was posted, and
/// Slack's <c>too_long</c> was retried forever: a SEV1 with <c>service</c> = <c>a&amp;b</c> × 60 (420 characters once escaped)
/// never got its card or announcement. Slack's permanent errors must skip the step they refuse, never block the rest.
/// </summary>
public sealed class SlackRefusalTests
{
    private const string Service = "a&b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_SEV1_whose_service_is_a_and_b_sixty_times_gets_its_card_announcement_and_a_topic_within_250_characters()
    {
        await using ManualDeliveryRig delivery = await StartAsync();

        await delivery.Bot.PostWebhookAsync(Webhook(string.Concat(Enumerable.Repeat(Service, 60))));
        await delivery.DrainAsync();

        string channel = ManualDelivery.ChannelOf(delivery.Slack, "INC-1");
        string topic = delivery.Slack.Workspace.Channel(channel)!.Topic;
        Assert.StartsWith("SEV1 · Triggered · a&amp;b", topic, StringComparison.Ordinal);
        Assert.True(topic.Length <= 250, $"the topic is {topic.Length} characters long");
        Assert.Single(delivery.Slack.Workspace.Messages(delivery.IncidentsChannel));
        Assert.DoesNotContain((await delivery.Bot.GetIncidentAsync("INC-1")).Timeline, entry => entry.Kind == "DeliveryRefused");
    }

    /// <summary>
    /// Each permanent error, injected at the stand-in into one step (<paramref name="calls"/>: that method's calls in the
    /// delivery it was refused in, none repeated); the card and the announcement go out all the same, the card as text alone
    /// when Slack refused its blocks. The card is first edited at the first change, so an edit is refused there.
    /// </summary>
    [Theory]
    [InlineData("conversations.setTopic", "too_long", 1)]
    [InlineData("conversations.setTopic", "invalid_auth", 1)]
    [InlineData("conversations.invite", "not_in_channel", 1)]
    [InlineData("chat.postMessage", "invalid_blocks", 3)]
    [InlineData("chat.postMessage", "msg_too_long", 3)]
    [InlineData("chat.update", "msg_too_long", 1, 1)]
    [InlineData("chat.update", "channel_not_found", 1, 1)]
    [InlineData("chat.update", "is_archived", 1, 1)]
    public async Task A_step_Slack_refuses_for_good_is_skipped_not_retried_written_to_the_timeline_and_counted(
        string method, string error, int calls, int refusedInChange = 0)
    {
        await using ManualDeliveryRig delivery = await StartAsync();
        delivery.Slack.InjectFault(SlackFault.Error(error), method: method);

        await delivery.Bot.PostWebhookAsync(Webhook("checkout"));
        await delivery.DrainAsync();
        List<int> callsPerDelivery = [delivery.Slack.CallsTo(method).Count];
        foreach (int alerts in new[] { 2, 3 }) // later changes are told as usual
        {
            await delivery.Bot.PostWebhookAsync(Webhook("checkout", alerts));
            await delivery.DrainAsync();
            callsPerDelivery.Add(delivery.Slack.CallsTo(method).Count - callsPerDelivery.Sum());
        }

        Assert.Equal(calls, callsPerDelivery[refusedInChange]);
        string channel = ManualDelivery.ChannelOf(delivery.Slack, "INC-1");
        StandInMessage card = delivery.Slack.Workspace.Messages(channel)[0];
        Assert.Contains("INC-1 ·", card.Text, StringComparison.Ordinal);
        Assert.Contains("3 alerts firing", card.Blocks?.ToJsonString(), StringComparison.Ordinal); // edited since
        Assert.Contains("INC-1", Assert.Single(delivery.Slack.Workspace.Messages(delivery.IncidentsChannel)).Text, StringComparison.Ordinal);
        TimelineEntryView refused = Assert.Single((await delivery.Bot.GetIncidentAsync("INC-1")).Timeline, entry => entry.Kind == "DeliveryRefused");
        Assert.Contains($"({method}: {error})", refused.Text, StringComparison.Ordinal);
        Assert.Contains(await MetricsAsync(delivery.Bot), line => line.StartsWith("chatops_slack_delivery_skipped_total{", StringComparison.Ordinal)
            && line.Contains($"method=\"{method}\"", StringComparison.Ordinal) && line.Contains($"error=\"{error}\"", StringComparison.Ordinal)
            && line.EndsWith(" 1", StringComparison.Ordinal));
    }

    /// <summary>The incidents channel unknown, archived, or without the bot: the incident's own channel gets everything.</summary>
    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("is_archived")]
    [InlineData("not_in_channel")]
    public async Task An_announcement_Slack_refuses_for_good_leaves_the_incident_channel_whole(string error)
    {
        await using ManualDeliveryRig delivery = await StartAsync(workspace => error switch
        {
            "channel_not_found" => "C0GONE000",
            "is_archived" => workspace.Archive(workspace.AddChannel("incidents")),
            _ => workspace.AddChannel("incidents", botIsMember: false),
        });

        await delivery.Bot.PostWebhookAsync(Webhook("checkout"));
        await delivery.DrainAsync();

        string channel = ManualDelivery.ChannelOf(delivery.Slack, "INC-1");
        Assert.NotNull(delivery.Slack.Workspace.Messages(channel)[0].Blocks);
        Assert.Empty(delivery.Slack.CallsTo("chat.update")); // the card went out as the incident is
        TimelineEntryView refused = Assert.Single((await delivery.Bot.GetIncidentAsync("INC-1")).Timeline, entry => entry.Kind == "DeliveryRefused");
        Assert.Contains($"(chat.postMessage: {error})", refused.Text, StringComparison.Ordinal);
    }

    private static string Webhook(string service, int alerts = 1) => new JsonObject
    {
        ["version"] = "4",
        ["groupKey"] = "{}:{alertname=\"CheckoutDown\"}",
        ["status"] = "firing",
        ["receiver"] = "incident-bot",
        ["alerts"] = new JsonArray([.. Enumerable.Range(1, alerts).Select(n => (JsonNode)new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = new JsonObject { ["alertname"] = "CheckoutDown", ["severity"] = "critical", ["service"] = service, ["pod"] = $"checkout-{n}" },
            ["annotations"] = new JsonObject { ["summary"] = $"Checkout is down on checkout-{n}" },
            ["startsAt"] = "2026-03-02T09:14:00Z",
            ["endsAt"] = "0001-01-01T00:00:00Z",
            ["fingerprint"] = $"00000000000000a{n}",
        })]),
    }.ToJsonString();

    private static async Task<string[]> MetricsAsync(BotHost bot)
    {
        HttpResponseMessage response = await bot.CreateClient().GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(Ct)).Split('\n');
    }

    private static Task<ManualDeliveryRig> StartAsync(Func<StandInWorkspace, string>? incidentsChannel = null) =>
        ManualDeliveryRig.StartAsync(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero), incidentsChannel, withResponder: true);
}
