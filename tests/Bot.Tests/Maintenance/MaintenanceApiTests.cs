using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Maintenance;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.TestSupport;
using Microsoft.AspNetCore.Mvc;

namespace ChatOpsIncidents.Bot.Tests.Maintenance;

/// <summary>Issue 22: maintenance windows through the API, in a real Alertmanager; the API's writes need the token of <c>Api:Tokens:ci</c>.</summary>
public sealed class MaintenanceApiTests
{
    private const string Token = "ci-s3cret-token";

    /// <summary>An Alertmanager address nothing listens on: the bot has one configured, but never gets an answer.</summary>
    private const string Nowhere = "http://127.0.0.1:9/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BotHost Bot(string alertmanager) => new(new() { ["Alertmanager:Urls:0"] = alertmanager, ["Api:Tokens:ci"] = Token });

    private static async Task<HttpResponseMessage> SendAsync(BotHost bot, HttpMethod method, string path, string? json = null, string? token = Token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await bot.CreateClient().SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_script_adds_a_window_to_come_which_Alertmanager_holds_from_its_start_then_lists_and_cancels_it()
    {
        await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(new Uri("http://127.0.0.1:9/webhooks/alertmanager"), null, Ct);
        await using BotHost bot = Bot(alertmanager.BaseAddress.AbsoluteUri);
        DateTimeOffset tomorrow = DateTimeOffset.UtcNow.AddDays(1);
        var start = new DateTimeOffset(tomorrow.Year, tomorrow.Month, tomorrow.Day, 21, 0, 0, TimeSpan.Zero);
        string startInBerlinWinter = start.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

        HttpResponseMessage added = await SendAsync(bot, HttpMethod.Post, "/api/maintenance",
            $$"""{"matchers":{"service":"checkout","namespace":"payments"},"startsAt":"{{startInBerlinWinter}}","duration":"2h","reason":"database upgrade","by":"deploy-bot"}""");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        MaintenanceWindowView? view = await added.Content.ReadFromJsonAsync<MaintenanceWindowView>(Ct);
        Assert.NotNull(view);
        JsonNode silence = Assert.Single(await alertmanager.SilencesAsync(Ct))!;
        Assert.Equal((view.Id, "pending", start, start.AddHours(2), "ci (on behalf of deploy-bot, unverified)", "Maintenance: database upgrade"),
            ((string)silence["id"]!, (string?)silence["status"]!["state"], Time(silence["startsAt"]), Time(silence["endsAt"]), (string?)silence["createdBy"], (string?)silence["comment"]));
        Assert.Equal(["namespace=payments", "service=checkout"], silence["matchers"]!.AsArray().Select(m => $"{m!["name"]}={m["value"]}").Order());
        Assert.Equal((start, start.AddHours(2), "pending", "database upgrade"), (view.StartsAt, view.EndsAt, view.State, view.Reason));

        JsonNode listed = Assert.Single(JsonNode.Parse(await bot.CreateClient().GetStringAsync("/api/maintenance", Ct))!["items"]!.AsArray())!;
        Assert.Equal((view.Id, $"{start.UtcDateTime:yyyy-MM-ddTHH:mm:ss}+00:00", $"{start.AddHours(2).UtcDateTime:yyyy-MM-ddTHH:mm:ss}+00:00", "pending"),
            ((string)listed["id"]!, (string)listed["startsAt"]!, (string)listed["endsAt"]!, (string)listed["state"]!));
        Assert.Equal([new SilenceMatcher("service", "checkout"), new SilenceMatcher("namespace", "payments")],
            listed["matchers"].Deserialize<SilenceMatcher[]>(JsonSerializerOptions.Web)!.OrderByDescending(m => m.Name));

        HttpResponseMessage cancelled = await SendAsync(bot, HttpMethod.Delete, $"/api/maintenance/{view.Id}");
        HttpResponseMessage again = await SendAsync(bot, HttpMethod.Delete, $"/api/maintenance/{view.Id}");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (cancelled.StatusCode, again.StatusCode));
        Assert.Equal("expired", (string?)Assert.Single(await alertmanager.SilencesAsync(Ct))!["status"]!["state"]);
        Assert.Equal($"No maintenance window {view.Id} is to come or under way: GET /api/maintenance lists them.", await DetailAsync(again));
        Assert.Empty(JsonNode.Parse(await bot.CreateClient().GetStringAsync("/api/maintenance", Ct))!["items"]!.AsArray());
    }

    [Fact]
    public async Task Without_the_token_a_window_is_refused_before_Alertmanager_is_asked()
    {
        await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(new Uri("http://127.0.0.1:9/webhooks/alertmanager"), null, Ct);
        await using BotHost bot = Bot(alertmanager.BaseAddress.AbsoluteUri);
        string window = """{"matchers":{"service":"checkout"},"duration":"1h","reason":"x"}""";

        HttpResponseMessage withoutToken = await SendAsync(bot, HttpMethod.Post, "/api/maintenance", window, token: null);
        HttpResponseMessage wrongToken = await SendAsync(bot, HttpMethod.Post, "/api/maintenance", window, token: "guess");
        HttpResponseMessage cancel = await SendAsync(bot, HttpMethod.Delete, $"/api/maintenance/{Guid.NewGuid()}", token: null);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (withoutToken.StatusCode, wrongToken.StatusCode, cancel.StatusCode));
        Assert.Empty(await alertmanager.SilencesAsync(Ct));
    }

    [Theory]
    [InlineData("""{"duration":"1h","reason":"x"}""", "Say which alerts: at least one label matcher, such as service=checkout.")]
    [InlineData("""{"matchers":{"1service":"checkout"},"duration":"1h","reason":"x"}""", "“1service” is not a label name: letters, digits and _, not starting with a digit, at most 128.")]
    [InlineData("""{"matchers":{"service":""},"duration":"1h","reason":"x"}""", "The value of “service” must be 1 to 1024 characters, was 0.")]
    [InlineData("""{"matchers":{"a":"1","b":"1","c":"1","d":"1","e":"1","f":"1","g":"1","h":"1","i":"1","j":"1","k":"1"},"duration":"1h","reason":"x"}""", "At most 10 matchers, please.")]
    [InlineData("""{"matchers":{"service":"checkout"},"duration":"8d","reason":"x"}""", "“8d” is not a duration: use `30m`, `4h` or `2d` (at most 7d).")]
    [InlineData("""{"matchers":{"service":"checkout"},"duration":"1h"}""", "Say why: a reason, such as \"database upgrade\".")]
    [InlineData("""{"matchers":{"service":"checkout"},"startsAt":"2099-12-08T22:00:00","duration":"1h","reason":"x"}""",
        "\"startsAt\" must be an ISO 8601 time with its offset, such as 2026-12-08T22:00:00+01:00 or 2026-12-08T21:00:00Z, was \"2099-12-08T22:00:00\".")]
    [InlineData("""{"matchers":{"service":"checkout"},"startsAt":"2020-01-01T00:00:00Z","duration":"1h","reason":"x"}""",
        "\"startsAt\" 2020-01-01T00:00:00Z has passed; leave it out to start now.")]
    [InlineData("""{"matchers":{"service":"checkout"},"startsAt":"tomorrow","duration":"until-resolved"}""",
        "“until-resolved” is not a duration: use `30m`, `4h` or `2d` (at most 7d). \"startsAt\" must be an ISO 8601 time with its offset, such as 2026-12-08T22:00:00+01:00 or 2026-12-08T21:00:00Z, was \"tomorrow\".")]
    public async Task A_window_missing_a_part_or_beyond_its_bounds_is_a_400_that_says_what_to_fix(string json, string detail)
    {
        await using BotHost bot = Bot(Nowhere);

        HttpResponseMessage response = await SendAsync(bot, HttpMethod.Post, "/api/maintenance", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, await DetailAsync(response));
    }

    [Fact]
    public async Task Bodies_beyond_their_bounds_and_ids_that_are_not_ids_are_refused()
    {
        await using BotHost bot = Bot(Nowhere);

        HttpResponseMessage tooLarge = await SendAsync(bot, HttpMethod.Post, "/api/maintenance",
            $$"""{"matchers":{"service":"checkout"},"duration":"1h","reason":"{{new string('x', 17 * 1024)}}"}""");
        HttpResponseMessage longBy = await SendAsync(bot, HttpMethod.Post, "/api/maintenance",
            $$"""{"matchers":{"service":"checkout"},"duration":"1h","reason":"x","by":"{{new string('b', 101)}}"}""");
        HttpResponseMessage notAnId = await SendAsync(bot, HttpMethod.Delete, "/api/maintenance/banana");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("\"by\" is too long: 101 characters, at most 100.", await DetailAsync(longBy));
        Assert.Equal((HttpStatusCode.BadRequest, "\"banana\" is not a maintenance window id: a UUID, as GET /api/maintenance lists them."),
            (notAnId.StatusCode, await DetailAsync(notAnId)));
    }

    [Fact]
    public async Task Alertmanager_unreachable_is_a_502_and_not_configured_a_503_that_say_so()
    {
        await using BotHost unreachable = Bot(Nowhere);
        await using var unconfigured = new BotHost(new() { ["Api:Tokens:ci"] = Token });

        HttpResponseMessage failed = await SendAsync(unreachable, HttpMethod.Post, "/api/maintenance", """{"matchers":{"service":"checkout"},"duration":"1h","reason":"x"}""");
        HttpResponseMessage notConfigured = await unconfigured.CreateClient().GetAsync("/api/maintenance", Ct);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Contains("127.0.0.1:9", await DetailAsync(failed), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, MaintenanceWindows.NotConfigured), (notConfigured.StatusCode, await DetailAsync(notConfigured)));
    }

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);

    private static async Task<string?> DetailAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail;
}
