using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace ChatOpsIncidents.Bot.Tests.Alertmanager;

public sealed class AlertmanagerWebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ProblemDetails> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!;
    }

    [Fact]
    public async Task The_reference_payload_opens_an_incident_that_the_api_shows_with_its_alerts()
    {
        await using var bot = new BotHost();

        HttpResponseMessage response = await bot.PostWebhookAsync(Payloads.Firing);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"incident":"INC-1","outcome":"opened"}""", await response.Content.ReadAsStringAsync(Ct));
        IncidentSummaryView listed = Assert.Single((await bot.ListIncidentsAsync()).Items);
        Assert.Equal(("INC-1", "triggered", "SEV1", "payments"), (listed.Key, listed.Status, listed.Severity, listed.Namespace));
        IncidentDetailsView details = await bot.GetIncidentAsync("INC-1");
        Assert.Equal(["0927f4d13f3acbff", "0bce0348e526ad89"], details.Alerts.Select(a => a.Fingerprint).Order());
        Assert.Equal("{}:{alertname=\"KubePodCrashLooping\", namespace=\"payments\"}", details.GroupKey);
        Assert.Contains(details.Alerts, a => a.GeneratorUrl!.Contains("&g0.tab=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_delivery_twice_changes_nothing_the_second_time()
    {
        await using var bot = new BotHost();
        await bot.PostWebhookAsync(Payloads.Firing);
        IncidentDetailsView before = await bot.GetIncidentAsync("INC-1");

        HttpResponseMessage again = await bot.PostWebhookAsync(Payloads.Firing);

        Assert.Equal("""{"incident":"INC-1","outcome":"unchanged"}""", await again.Content.ReadAsStringAsync(Ct));
        IncidentDetailsView after = await bot.GetIncidentAsync("INC-1");
        Assert.Equal(before.Timeline, after.Timeline);
        Assert.Equal(1, (await bot.ListIncidentsAsync()).Total);
    }

    [Fact]
    public async Task The_all_resolved_delivery_resolves_the_incident()
    {
        await using var bot = new BotHost();
        await bot.PostWebhookAsync(Payloads.Firing);

        HttpResponseMessage response = await bot.PostWebhookAsync(Payloads.Resolved);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        IncidentDetailsView incident = await bot.GetIncidentAsync("INC-1");
        Assert.Equal("resolved", incident.Incident.Status);
        Assert.Equal(["AutoResolved", "PostmortemDrafted"], incident.Timeline.TakeLast(2).Select(e => e.Kind));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Without_the_configured_bearer_token_the_webhook_is_refused_and_stores_nothing(string? presented)
    {
        await using var bot = new BotHost(new() { ["Alertmanager:BearerToken"] = "s3cret-token" });

        HttpResponseMessage response = await bot.PostWebhookAsync(Payloads.Firing, presented);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Alertmanager:BearerToken", (await ReadProblemAsync(response)).Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
    }

    [Fact]
    public async Task With_the_configured_bearer_token_the_webhook_is_accepted()
    {
        await using var bot = new BotHost(new() { ["Alertmanager:BearerToken"] = "s3cret-token" });

        HttpResponseMessage response = await bot.PostWebhookAsync(Payloads.Firing, "s3cret-token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadDeliveries => new()
    {
        { "{\"version\":\"4\",\"groupKey\":", "application/json", HttpStatusCode.BadRequest, "not a valid Alertmanager webhook" },
        { "[1,2,3]", "application/json", HttpStatusCode.BadRequest, "not a valid Alertmanager webhook" },
        { "null", "application/json", HttpStatusCode.BadRequest, "JSON null" },
        { Payloads.Firing, "text/plain", HttpStatusCode.UnsupportedMediaType, "application/json" },
        { Payloads.Firing.Replace("\"version\": \"4\"", "\"version\": \"3\"", StringComparison.Ordinal), "application/json", HttpStatusCode.BadRequest, "\"version\" is \"3\"" },
        { Payloads.Firing.Replace("\"groupKey\"", "\"groupKeyRenamed\"", StringComparison.Ordinal), "application/json", HttpStatusCode.BadRequest, "\"groupKey\" is missing" },
        { Payloads.Firing.Replace("\"fingerprint\": \"0bce0348e526ad89\"", "\"fingerprint\": \"\"", StringComparison.Ordinal), "application/json", HttpStatusCode.BadRequest, "\"alerts[0].fingerprint\" is missing" },
        { Payloads.Firing.Replace("\"status\": \"firing\",\n      \"labels\"", "\"status\": \"burning\",\n      \"labels\"", StringComparison.Ordinal), "application/json", HttpStatusCode.BadRequest, "must be \"firing\" or \"resolved\"" },
        { Payloads.Firing.Replace("\"truncatedAlerts\": 0", "\"truncatedAlerts\": \"many\"", StringComparison.Ordinal), "application/json", HttpStatusCode.BadRequest, "truncatedAlerts" },
        { Payloads.Firing.Replace("\"startsAt\": \"2026-03-02T09:14:07.512839274Z\"", "\"startsAt\": \"yesterday\"", StringComparison.Ordinal), "application/json", HttpStatusCode.BadRequest, "startsAt" },
        { """{"version":"4","groupKey":"k","status":"firing","alerts":[]}""", "application/json", HttpStatusCode.BadRequest, "\"alerts\" is missing or empty" },
    };

    [Theory]
    [MemberData(nameof(BadDeliveries))]
    public async Task A_bad_delivery_gets_a_problem_that_says_what_is_wrong_and_stores_nothing(string body, string contentType, HttpStatusCode status, string detail)
    {
        await using var bot = new BotHost();

        HttpResponseMessage response = await bot.PostWebhookAsync(body, contentType: contentType);

        Assert.Equal(status, response.StatusCode);
        ProblemDetails problem = await ReadProblemAsync(response);
        Assert.Equal((int)status, problem.Status);
        Assert.Contains(detail, problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_refused_with_413()
    {
        await using var bot = new BotHost();
        JsonNode payload = JsonNode.Parse(Payloads.Firing)!;
        payload["alerts"]![0]!["annotations"]!["description"] = new string('x', 1024 * 1024);

        HttpResponseMessage response = await bot.PostWebhookAsync(payload.ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("max_alerts", (await ReadProblemAsync(response)).Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
    }

    [Fact]
    public async Task Unknown_extra_fields_are_ignored()
    {
        await using var bot = new BotHost();
        JsonNode payload = JsonNode.Parse(Payloads.Firing)!;
        payload["notification_reason"] = "first notification";
        payload["alerts"]![0]!["somethingNew"] = new JsonObject { ["nested"] = 1 };

        HttpResponseMessage response = await bot.PostWebhookAsync(payload.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
