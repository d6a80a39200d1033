using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.TestSupport;
using Microsoft.AspNetCore.Mvc;

namespace ChatOpsIncidents.Bot.Tests.Api;

public sealed class IncidentApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostAsync(BotHost bot, string path, object? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await bot.CreateClient().SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_script_acknowledges_then_resolves_an_incident_and_the_timeline_names_it()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using var bot = new BotHost(time: time);
        await bot.PostWebhookAsync(Payloads.Firing);
        time.Advance(TimeSpan.FromMinutes(4));

        HttpResponseMessage ack = await PostAsync(bot, "/api/incidents/INC-1/ack", new { by = "deploy-bot" });
        time.Advance(TimeSpan.FromMinutes(6));
        HttpResponseMessage resolve = await PostAsync(bot, "/api/incidents/inc-1/resolve", new { note = "rolled back" });

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        IncidentDetailsView incident = await bot.GetIncidentAsync("INC-1");
        Assert.Equal("resolved", incident.Incident.Status);
        Assert.Equal(240, incident.Incident.SecondsToAcknowledge);
        Assert.Equal(600, incident.Incident.SecondsToResolve);
        Assert.Contains(incident.Timeline, e => e is { Kind: "Acknowledged", ActorKind: "Api", Actor: "anonymous", OnBehalfOf: "deploy-bot" });
        Assert.Contains(incident.Timeline, e => e is { Kind: "Resolved", Actor: "anonymous", OnBehalfOf: null, Text: "Resolved: rolled back" });
    }

    [Fact]
    public async Task A_script_marks_an_incident_its_alerts_resolved_as_noise_once()
    {
        await using var bot = new BotHost();
        await bot.PostWebhookAsync(Payloads.Firing);
        await bot.PostWebhookAsync(Payloads.Resolved);

        HttpResponseMessage noise = await PostAsync(bot, "/api/incidents/INC-1/resolve", new { noise = true, note = "fires on every deploy", by = "triage-bot" });
        HttpResponseMessage again = await PostAsync(bot, "/api/incidents/INC-1/resolve", new { noise = true });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (noise.StatusCode, again.StatusCode));
        IncidentDetailsView incident = await bot.GetIncidentAsync("INC-1");
        Assert.Contains(incident.Timeline, e => e is { Kind: "MarkedNoise", ActorKind: "Api", OnBehalfOf: "triage-bot", Text: "Not actionable (noise): fires on every deploy" });
    }

    [Fact]
    public async Task Acknowledging_a_resolved_incident_is_a_conflict_that_says_why()
    {
        await using var bot = new BotHost();
        await bot.PostWebhookAsync(Payloads.Firing);
        await PostAsync(bot, "/api/incidents/INC-1/resolve");

        HttpResponseMessage response = await PostAsync(bot, "/api/incidents/INC-1/ack");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        ProblemDetails? problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct);
        Assert.Equal("INC-1 is resolved; only a triggered incident can be acknowledged.", problem?.Detail);
    }

    [Fact]
    public async Task The_list_filters_by_environment_opening_time_and_title_text_as_the_dashboard_does()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using var bot = new BotHost(time: time);
        await bot.PostWebhookAsync(OneAlert("{}:{alertname=\"DiskFull\"}", "DiskFull", "prod", "Disk full on db-1"));
        time.Advance(TimeSpan.FromHours(2));
        await bot.PostWebhookAsync(OneAlert("{}:{alertname=\"DiskSlow\"}", "DiskSlow", "prod", "Disk slow on db-2"));
        await bot.PostWebhookAsync(OneAlert("{}:{alertname=\"DiskFullStaging\"}", "DiskFullStaging", "staging", "Disk full on db-3"));

        IncidentListView? listed = await bot.CreateClient().GetFromJsonAsync<IncidentListView>(
            "/api/incidents?environment=prod&q=DISK%20FULL&until=2026-03-02T10:00:00Z", Ct);

        Assert.NotNull(listed);
        Assert.Equal("Disk full on db-1", Assert.Single(listed.Items).Title);
        Assert.Equal(1, listed.Total);

        static string OneAlert(string groupKey, string alertName, string environment, string summary) => Payloads.OneAlert(
            groupKey,
            new Dictionary<string, string> { ["alertname"] = alertName, ["severity"] = "critical", ["environment"] = environment },
            new Dictionary<string, string> { ["summary"] = summary });
    }

    [Theory]
    [InlineData("/api/incidents/INC-99", HttpStatusCode.NotFound, "There is no incident INC-99.")]
    [InlineData("/api/incidents/banana", HttpStatusCode.BadRequest, "\"banana\" is not an incident key such as INC-42.")]
    [InlineData("/api/incidents?status=closed&pageSize=500", HttpStatusCode.BadRequest, "\"status\" must be open, triggered, acknowledged or resolved, was \"closed\". \"pageSize\" must be a whole number from 1 to 200, was \"500\".")]
    [InlineData("/api/incidents?severity=P5", HttpStatusCode.BadRequest, "\"severity\" must be SEV1, SEV2, SEV3 or SEV4, was \"P5\".")]
    [InlineData("/api/incidents/stats?groupBy=team", HttpStatusCode.BadRequest, "\"groupBy\" must be service, severity or all, was \"team\".")]
    public async Task Bad_reads_get_a_problem_that_says_what_to_fix(string path, HttpStatusCode status, string detail)
    {
        await using var bot = new BotHost();

        HttpResponseMessage response = await bot.CreateClient().GetAsync(path, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail);
    }

    [Fact]
    public async Task The_list_filters_by_status_and_severity_and_pages()
    {
        await using var bot = new BotHost();
        await bot.PostWebhookAsync(Payloads.Firing);
        await PostAsync(bot, "/api/incidents", new { title = "Search is slow", severity = "SEV3", service = "search" });
        await PostAsync(bot, "/api/incidents", new { title = "Checkout is down", severity = "SEV1", service = "checkout" });
        await PostAsync(bot, "/api/incidents/INC-3/resolve");

        await PostAsync(bot, "/api/incidents/INC-2/ack");

        IncidentListView triggered = await bot.ListIncidentsAsync("?status=triggered");
        IncidentListView open = await bot.ListIncidentsAsync("?status=open");
        IncidentListView sev1 = await bot.ListIncidentsAsync("?severity=P1&pageSize=1");
        IncidentListView search = await bot.ListIncidentsAsync("?service=search");

        Assert.Equal(["INC-1"], triggered.Items.Select(i => i.Key));
        Assert.Equal(["INC-2", "INC-1"], open.Items.Select(i => i.Key));
        Assert.Equal((2, 1, "INC-3"), (sev1.Total, sev1.PageSize, sev1.Items.Single().Key));
        Assert.Equal("INC-2", search.Items.Single().Key);
    }

    [Fact]
    public async Task Declaring_an_incident_returns_it_with_its_location()
    {
        await using var bot = new BotHost();

        HttpResponseMessage response = await PostAsync(bot, "/api/incidents", new { title = "Checkout is down", severity = "SEV2", by = "alice" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/incidents/INC-1", response.Headers.Location?.ToString());
        IncidentDetailsView? created = await response.Content.ReadFromJsonAsync<IncidentDetailsView>(Ct);
        Assert.Equal(("manual", "SEV2", "triggered"), (created?.Incident.Source, created?.Incident.Severity, created?.Incident.Status));
        Assert.Equal(("anonymous", "alice"), (created?.Timeline.Single().Actor, created?.Timeline.Single().OnBehalfOf));
    }

    [Fact]
    public async Task Declaring_without_a_title_is_refused()
    {
        await using var bot = new BotHost();

        HttpResponseMessage response = await PostAsync(bot, "/api/incidents", new { severity = "SEV2" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
    }

    [Fact]
    public async Task With_an_api_token_configured_writes_need_it_and_reads_do_not()
    {
        await using var bot = new BotHost(new() { ["Api:Tokens:ci"] = "api-s3cret" });
        await bot.PostWebhookAsync(Payloads.Firing);

        HttpResponseMessage without = await PostAsync(bot, "/api/incidents/INC-1/ack");
        HttpResponseMessage wrong = await PostAsync(bot, "/api/incidents/INC-1/ack", token: "nope");
        HttpResponseMessage with = await PostAsync(bot, "/api/incidents/INC-1/ack", token: "api-s3cret");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal("acknowledged", (await bot.GetIncidentAsync("INC-1")).Incident.Status);
    }

    [Fact]
    public async Task Statistics_report_time_to_acknowledge_and_resolve_by_severity()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using var bot = new BotHost(time: time);
        await PostAsync(bot, "/api/incidents", new { title = "Checkout is down", severity = "SEV1" });
        time.Advance(TimeSpan.FromMinutes(1));
        await PostAsync(bot, "/api/incidents/INC-1/ack");
        time.Advance(TimeSpan.FromMinutes(9));
        await PostAsync(bot, "/api/incidents/INC-1/resolve");

        StatisticsView? stats = await bot.CreateClient().GetFromJsonAsync<StatisticsView>("/api/incidents/stats?groupBy=severity", Ct);

        ResponseStatisticsView sev1 = Assert.Single(stats!.Groups);
        Assert.Equal(new ResponseStatisticsView("SEV1", 1, 1, 1, 60, 600), sev1);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_the_webhook()
    {
        await using var bot = new BotHost();

        string document = await bot.CreateClient().GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("\"/api/incidents/{key}/ack\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/webhooks/alertmanager\"", document, StringComparison.Ordinal);
    }
}
