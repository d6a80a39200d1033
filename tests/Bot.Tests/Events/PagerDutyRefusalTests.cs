using System.Net;
using ChatOpsIncidents.Bot.Tests.Hosting;

namespace ChatOpsIncidents.Bot.Tests.Events;

/// <summary>Bad events get PagerDuty's answer for them and store nothing.</summary>
public sealed class PagerDutyRefusalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> InvalidEvents => new()
    {
        {
            EventsBot.Trigger(routingKey: "short"),
            """{"status":"invalid event","message":"Event object is invalid","errors":["Length of 'routing_key' is incorrect (should be 32 characters)"]}"""
        },
        {
            EventsBot.Trigger(routingKey: "ffffffffffffffffffffffffffffffff"),
            """{"status":"invalid event","message":"Event object is invalid","errors":["Invalid routing key"]}"""
        },
        {
            "{\"routing_key\":",
            """{"status":"Unrecognized object","message":"Event object format is unrecognized","errors":["JSON parse error"]}"""
        },
        {
            $$$"""{"routing_key":"{{{EventsBot.CheckoutKey}}}","event_action":"trigger","payload":{"severity":"critical"}}""",
            """{"status":"invalid event","message":"Event object is invalid","errors":["'payload.summary' is required to trigger.","'payload.source' is required to trigger."]}"""
        },
        {
            EventsBot.Trigger(severity: "disaster"),
            """{"status":"invalid event","message":"Event object is invalid","errors":["'payload.severity' must be 'critical', 'error', 'warning' or 'info', was 'disaster'."]}"""
        },
        {
            EventsBot.Follow("escalate"),
            """{"status":"invalid event","message":"Event object is invalid","errors":["'event_action' must be 'trigger', 'acknowledge' or 'resolve', was 'escalate'."]}"""
        },
        {
            $$"""{"routing_key":"{{EventsBot.CheckoutKey}}","event_action":"resolve"}""",
            """{"status":"invalid event","message":"Event object is invalid","errors":["'dedup_key' is required to resolve."]}"""
        },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task An_invalid_event_gets_PagerDutys_400_and_stores_nothing(string body, string expected)
    {
        await using BotHost bot = EventsBot.Start();

        HttpResponseMessage response = await bot.EnqueueAsync(body);

        Assert.Equal((HttpStatusCode.BadRequest, expected), (response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
        Assert.Empty(await bot.StoredEventsAsync());
    }

    [Fact]
    public async Task A_body_over_512_KB_is_refused_with_413_and_stores_nothing()
    {
        await using BotHost bot = EventsBot.Start();

        HttpResponseMessage response = await bot.EnqueueAsync(EventsBot.Trigger(summary: new string('s', 513 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("""{"status":"invalid event","message":"Event object is invalid","errors":["The body is over 512 KB, PagerDuty's limit for an event."]}""",
            await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(await bot.StoredEventsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415_and_stores_nothing()
    {
        await using BotHost bot = EventsBot.Start();

        HttpResponseMessage response = await bot.EnqueueAsync(EventsBot.Trigger(), contentType: "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await bot.StoredEventsAsync());
    }

    [Fact]
    public async Task An_integration_over_its_rate_limit_gets_429_with_Retry_After_and_other_integrations_go_on()
    {
        await using BotHost bot = EventsBot.Start(rateLimitPerMinute: 2);

        HttpResponseMessage[] allowed = [await bot.EnqueueAsync(EventsBot.Trigger()), await bot.EnqueueAsync(EventsBot.Trigger())];
        HttpResponseMessage throttled = await bot.EnqueueAsync(EventsBot.Trigger());
        HttpResponseMessage other = await bot.EnqueueAsync(EventsBot.Trigger(routingKey: EventsBot.BatchKey));

        Assert.All(allowed, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(throttled.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.Equal(3, (await bot.StoredEventsAsync()).Count);
    }

    [Fact]
    public async Task A_routing_key_that_is_not_32_characters_stops_the_start_naming_the_key()
    {
        Dictionary<string, string?> settings = EventsBot.Settings();
        settings["Events:Integrations:checkout-monitor:RoutingKey"] = "too-short";
        await using var bot = new BotHost(settings);

        Exception failure = Assert.ThrowsAny<Exception>(() => bot.CreateClient());

        Assert.Contains("Events:Integrations:checkout-monitor:RoutingKey must be 32 characters long", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("too-short", failure.ToString(), StringComparison.Ordinal);
    }
}
