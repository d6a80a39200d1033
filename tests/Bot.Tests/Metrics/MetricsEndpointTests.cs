using System.Net;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    private const string Sev1Service = "{service=\"checkout-api\",severity=\"SEV1\"}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        HttpResponseMessage response = await client.GetAsync("/metrics", Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task A_full_lifecycle_shows_real_values_for_every_metric_and_promtool_accepts_the_scrape()
    {
        ScrapedLifecycle run = await ScrapedLifecycle.RunAsync();
        string scrape = run.Exposition;

        (int exitCode, string output) = await PrometheusTools.CheckMetricsAsync(scrape, Ct);
        Assert.True(exitCode == 0, $"promtool check metrics failed (exit code {exitCode}):\n{output}\n{scrape}");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", run.ContentType);
        Assert.Equal(2, Scrape.Value(scrape, "chatops_alerts_received_total{status=\"firing\"}"));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_webhook_request_duration_seconds_count{code=\"200\",outcome=\"accepted\"}"));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_incidents_opened_total" + Sev1Service));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_incident_time_to_acknowledge_seconds_count" + Sev1Service));
        Assert.Equal(run.Incident.SecondsToAcknowledge!.Value, Scrape.Value(scrape, "chatops_incident_time_to_acknowledge_seconds_sum" + Sev1Service)!.Value, 6);
        Assert.Equal(run.Incident.SecondsToResolve!.Value, Scrape.Value(scrape, "chatops_incident_time_to_resolve_seconds_sum" + Sev1Service)!.Value, 6);
        foreach (string severity in new[] { "SEV1", "SEV2", "SEV3", "SEV4" })
        {
            Assert.Equal(0, Scrape.Value(scrape, $"chatops_incidents_open{{severity=\"{severity}\",status=\"triggered\"}}"));
            Assert.Equal(0, Scrape.Value(scrape, $"chatops_incidents_open{{severity=\"{severity}\",status=\"acknowledged\"}}"));
        }
        Assert.Equal((0, 0), (Scrape.Value(scrape, "chatops_outbox_depth"), Scrape.Value(scrape, "chatops_outbox_oldest_age_seconds")));
        Assert.NotEmpty(run.SlackCalls);
        // "upload" is the file's bytes posted to the URL files.getUploadURLExternal handed out, not a Web API method.
        foreach ((string method, int calls) in run.SlackCalls.Where(call => call.Key != "upload"))
        {
            Assert.Equal(calls, Scrape.Value(scrape, $"chatops_slack_api_calls_total{{method=\"{method}\",outcome=\"ok\"}}"));
        }
        Assert.Contains(
            "http_server_request_duration_seconds_count{http_request_method=\"POST\",http_response_status_code=\"200\",http_route=\"/webhooks/alertmanager\",network_protocol_version=\"1.1\",url_scheme=\"http\"} 1\n",
            scrape, StringComparison.Ordinal);
        Assert.Contains("\nhttp_server_active_requests{", scrape, StringComparison.Ordinal);
        Assert.Contains("\nkestrel_active_connections{", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_to_acknowledge_and_resolve_once_final_are_observed_in_their_buckets_and_open_incidents_and_the_outbox_follow_the_database()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using var bot = new BotHost(time: time); // Slack off: nothing delivers the outbox
        HttpClient client = bot.CreateClient();
        await bot.PostWebhookAsync(Payloads.Firing);
        time.Advance(TimeSpan.FromSeconds(90));

        string opened = await ScrapeAsync(client);
        int entries = (await bot.GetIncidentAsync("INC-1")).Timeline.Count;
        Assert.Equal(1, Scrape.Value(opened, "chatops_incidents_open{severity=\"SEV1\",status=\"triggered\"}"));
        Assert.Equal(0, Scrape.Value(opened, "chatops_incidents_open{severity=\"SEV1\",status=\"acknowledged\"}"));
        Assert.Equal((entries, 90), (Scrape.Value(opened, "chatops_outbox_depth"), Scrape.Value(opened, "chatops_outbox_oldest_age_seconds")));

        time.Advance(TimeSpan.FromMinutes(7) - TimeSpan.FromSeconds(90));
        await client.PostAsJsonAsync("/api/incidents/INC-1/ack", new { by = "alice" }, Ct);
        string acknowledged = await ScrapeAsync(client);
        time.Advance(TimeSpan.FromMinutes(30));
        await client.PostAsJsonAsync("/api/incidents/INC-1/resolve", new { by = "alice" }, Ct);
        string resolvedNotFinal = await ScrapeAsync(client);
        time.Advance(new IncidentOptions().ReopenWindow + DueWorkService.OverdueAfter);
        await using (AsyncServiceScope scope = bot.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DueWorkService>().FireOverdueAsync(Ct));
        }
        string resolved = await ScrapeAsync(client);

        Assert.Equal(0, Scrape.Value(acknowledged, "chatops_incidents_open{severity=\"SEV1\",status=\"triggered\"}"));
        Assert.Equal(1, Scrape.Value(acknowledged, "chatops_incidents_open{severity=\"SEV1\",status=\"acknowledged\"}"));
        Assert.Equal(0, Scrape.Value(resolved, "chatops_incidents_open{severity=\"SEV1\",status=\"acknowledged\"}"));
        Assert.Null(Scrape.Value(resolvedNotFinal, "chatops_incident_time_to_resolve_seconds_count" + Sev1Service)); // an alert may still reopen it
        Assert.Equal((0, 1, 420), (Bucket(resolved, "time_to_acknowledge", "300"), Bucket(resolved, "time_to_acknowledge", "600"),
            Scrape.Value(resolved, "chatops_incident_time_to_acknowledge_seconds_sum" + Sev1Service)));
        Assert.Equal((0, 1, 37 * 60), (Bucket(resolved, "time_to_resolve", "1800"), Bucket(resolved, "time_to_resolve", "3600"),
            Scrape.Value(resolved, "chatops_incident_time_to_resolve_seconds_sum" + Sev1Service)));
    }

    [Fact]
    public async Task Webhook_requests_are_counted_by_outcome_and_status_code_and_alerts_only_once_committed()
    {
        await using var bot = new BotHost(new() { ["Alertmanager:BearerToken"] = "right" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostWebhookAsync(Payloads.Firing, "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await bot.PostWebhookAsync(Payloads.Firing, "right", "text/plain")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Payloads.Resolved, "right")).StatusCode);

        string scrape = await ScrapeAsync(bot.CreateClient());

        Assert.Equal(1, Scrape.Value(scrape, "chatops_webhook_request_duration_seconds_count{code=\"401\",outcome=\"unauthorized\"}"));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_webhook_request_duration_seconds_count{code=\"415\",outcome=\"rejected\"}"));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_webhook_request_duration_seconds_count{code=\"200\",outcome=\"accepted\"}"));
        Assert.Null(Scrape.Value(scrape, "chatops_alerts_received_total{status=\"firing\"}"));
        Assert.True(Scrape.Value(scrape, "chatops_alerts_received_total{status=\"resolved\"}") > 0);
    }

    private static double? Bucket(string scrape, string histogram, string le) =>
        Scrape.Value(scrape, $"chatops_incident_{histogram}_seconds_bucket{{service=\"checkout-api\",severity=\"SEV1\",le=\"{le}\"}}");
}
