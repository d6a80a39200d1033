using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.AspNetCore.Mvc;
using NSubstitute;

namespace ChatOpsIncidents.Bot.Tests.Slack.Requests;

public sealed class SlackEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Forgeries => new()
    {
        { "the timestamp one second later than signed", "later" },
        { "sent 301 s ago", "stale" },
        { "a v1= signature", "v1" },
        { "a body re-encoded after signing", "altered" },
        { "no signature header", "unsigned" },
        { "another signing secret", "secret" },
    };

    private static async Task<HttpResponseMessage> ForgeAsync(SlackBot bot, string path, string body, string forgery)
    {
        DateTimeOffset now = bot.Time.GetUtcNow();
        string timestamp = SignedSlackRequest.Timestamp(now);
        string signature = SignedSlackRequest.Sign(SignedSlackRequest.Secret, timestamp, body);
        using HttpRequestMessage request = forgery switch
        {
            "later" => SignedSlackRequest.Create(path, body, now, timestamp: SignedSlackRequest.Timestamp(now.AddSeconds(1)), signature: signature),
            "stale" => SignedSlackRequest.Create(path, body, now.AddSeconds(-301)),
            "v1" => SignedSlackRequest.Create(path, body, now, signature: "v1=" + signature[3..]),
            "altered" => SignedSlackRequest.Create(path, body.Replace("+", "%20", StringComparison.Ordinal), now, signature: signature),
            "secret" => SignedSlackRequest.Create(path, body, now, secret: "not-the-signing-secret"),
            _ => SignedSlackRequest.Create(path, body, now),
        };
        if (forgery == "unsigned")
        {
            request.Headers.Remove("X-Slack-Signature");
        }
        return await bot.Host.CreateClient().SendAsync(request, Ct);
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_or_replayed_command_is_401_without_detail_and_changes_nothing(string description, string forgery)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        int timelineBefore = (await bot.IncidentAsync(key)).Timeline.Count;
        string body = SignedSlackRequest.Form(("command", "/incident"), ("text", $"resolve {key} all good now"), ("user_id", SlackBot.UserId), ("user_name", "dana"));

        HttpResponseMessage response = await ForgeAsync(bot, "/slack/commands", body, forgery);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, description);
        Assert.DoesNotContain("signature", await response.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal(IncidentStatus.Triggered, incident.Status);
        Assert.Equal(timelineBefore, incident.Timeline.Count);
        Assert.Empty(bot.ResponseUrls.Posts);
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_or_replayed_button_press_is_401_and_changes_nothing(string description, string forgery)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        string body = SignedSlackRequest.Form(("payload", InteractionPayloads.ButtonPress("incident-acknowledge", key.ToString()).ToJsonString()));

        HttpResponseMessage response = await ForgeAsync(bot, "/slack/interactions", body, forgery);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, description);
        await bot.WhenIdleAsync();
        Assert.Equal(IncidentStatus.Triggered, (await bot.IncidentAsync(key)).Status);
        Assert.Single((await bot.IncidentAsync(key)).Timeline);
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    public async Task With_Slack_off_the_endpoints_answer_404_saying_what_to_set(string path)
    {
        await using var bot = new BotHost();
        using HttpRequestMessage request = SignedSlackRequest.Create(path, "ssl_check=1", DateTimeOffset.UtcNow);

        HttpResponseMessage response = await bot.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(SlackRequestReader.SlackOffMessage, (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail);
    }

    [Theory]
    [InlineData("/slack/commands", 64 * 1024)]
    [InlineData("/slack/interactions", 1024 * 1024)]
    public async Task A_body_over_the_limit_is_413_before_anything_is_read(string path, int limit)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        string body = "text=" + new string('a', limit);

        HttpResponseMessage response = await bot.SendAsync(path, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Slacks_ssl_check_is_answered_200()
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        HttpResponseMessage response = await bot.SendAsync("/slack/commands", "ssl_check=1&token=legacyVerifTok123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_command_without_a_user_is_a_400()
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        HttpResponseMessage response = await bot.SendAsync("/slack/commands", SignedSlackRequest.Form(("command", "/incident"), ("text", "list")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("team_id=T0INCBOT1")]
    [InlineData("payload=%7Bnot+json")]
    [InlineData("payload=%7B%22actions%22%3A%5B%5D%7D")]
    public async Task A_signed_interaction_without_a_readable_payload_is_a_400(string body)
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        HttpResponseMessage response = await bot.SendAsync("/slack/interactions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_command_this_bot_does_not_handle_yet_gets_an_ephemeral_answer()
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        string reply = await SlackBot.ReplyTextAsync(await bot.CommandAsync("draft INC-1", command: "/postmortem"));

        Assert.Equal("`/postmortem` is not available yet on this bot. Try `/incident help`.", reply);
    }

    [Fact]
    public async Task A_command_that_outlasts_the_answer_budget_says_it_is_working_and_replies_through_the_response_url()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        var release = new TaskCompletionSource<IncidentKey?>(TaskCreationOptions.RunContinuationsAsynchronously);
        bot.Channels.FindByChannelAsync(bot.OpsChannel, Arg.Any<CancellationToken>()).Returns(release.Task);

        Task<HttpResponseMessage> answer = bot.CommandAsync("ack");
        while (!answer.IsCompleted)
        {
            bot.Time.Advance(TimeSpan.FromMilliseconds(500)); // the lookup hangs; only the budget can end the wait
            await Task.WhenAny(answer, Task.Delay(20, Ct));
        }
        string first = await SlackBot.ReplyTextAsync(await answer);
        release.SetResult(key);
        await bot.WhenIdleAsync();

        Assert.Equal(SlackDispatch.WorkingOnIt, first);
        Assert.Equal(IncidentStatus.Acknowledged, (await bot.IncidentAsync(key)).Status);
        (Uri url, JsonObject body) = Assert.Single(bot.ResponseUrls.Posts);
        Assert.Equal(RecordingResponseUrls.Url, url.ToString());
        Assert.Equal("ephemeral", body["response_type"]?.GetValue<string>());
        Assert.Equal($"👀 Acknowledged *{key}*: Checkout latency above SLO", body["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_command_is_answered_with_an_apology_not_a_stack_trace()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        bot.Channels.FindByChannelAsync(bot.OpsChannel, Arg.Any<CancellationToken>())
            .Returns(Task.FromException<IncidentKey?>(new InvalidOperationException("database is on fire")));

        string reply = await bot.ReplyToAsync("ack");

        Assert.Equal(SlackDispatch.Apology, reply);
    }
}
