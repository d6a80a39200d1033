using System.Globalization;
using System.Net;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Metrics;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 15, finding 4: one incident with a 2 MB service grew the scrape from 32 KB to 69 MB, and 1 100 alert groups with
/// distinct services filled the series cap, after which a real SEV1 for checkout was never counted.
/// </summary>
public sealed class MetricsInflationTests
{
    private const string Token = "metrics-inflation-token";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_incident_whose_service_is_2_MB_is_counted_under_a_bounded_label_and_adds_a_few_kilobytes_to_the_scrape()
    {
        await using var bot = new BotHost();
        HttpClient client = bot.CreateClient();
        string before = await client.GetStringAsync("/metrics", Ct);

        // Stored directly: the API and the webhook may refuse or cut such a service, the metrics must not depend on it.
        await using (AsyncServiceScope scope = bot.Services.CreateAsyncScope())
        {
            IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
            Incident incident = Incident.Declare(new DeclaredIncident("Inflated", Severity.Sev1, new string('s', 2 * 1024 * 1024)), Actor.System, DateTimeOffset.UtcNow);
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(Ct);
            IncidentService incidents = scope.ServiceProvider.GetRequiredService<IncidentService>();
            await incidents.AcknowledgeAsync(incident.Key, Actor.System, Ct);
            await incidents.ResolveAsync(incident.Key, Actor.System, null, Ct);
        }
        string after = await client.GetStringAsync("/metrics", Ct);

        string series = $"{{service=\"{new string('s', MetricLabel.MaxLength)}\",severity=\"SEV1\"}}";
        Assert.Equal(1, Scrape.Value(after, "chatops_incidents_opened_total" + series));
        Assert.Equal(1, Scrape.Value(after, "chatops_incident_time_to_acknowledge_seconds_count" + series));
        Assert.Equal(1, Scrape.Value(after, "chatops_incident_time_to_resolve_seconds_count" + series));
        Assert.True(after.Length - before.Length < 16 * 1024, $"The scrape grew by {after.Length - before.Length} characters.");
    }

    [Fact]
    public async Task After_1100_alert_groups_with_distinct_services_a_real_SEV1_for_checkout_is_counted_others_fold_into_other_and_the_scrape_stays_small()
    {
        await using var bot = new BotHost(new()
        {
            ["Alertmanager:BearerToken"] = Token,
            ["Escalation:Policies:0:Name"] = "checkout",
            ["Escalation:Policies:0:Services:0"] = "checkout",
            ["Escalation:Policies:0:Steps:0:Users:0"] = "U024BE7LH",
            ["Storms:Threshold"] = "100000", // this burst is an alert storm by default; this test is about the service labels
        });
        HttpClient client = bot.CreateClient(); // starts the one host before the parallel posts
        await Parallel.ForEachAsync(Enumerable.Range(0, 1100), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (group, _) =>
            Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Alert($"flood-{group:D4}", "warning"), Token)).StatusCode));

        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Alert("checkout", "critical"), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Alert("payments", "critical"), Token)).StatusCode);
        string scrape = await client.GetStringAsync("/metrics", Ct);

        Assert.Equal(1, Scrape.Value(scrape, "chatops_incidents_opened_total{service=\"checkout\",severity=\"SEV1\"}"));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_incidents_opened_total{service=\"other\",severity=\"SEV1\"}")); // payments, past the cap
        Assert.Equal(1100 - ServiceLabels.MaxServices, Scrape.Value(scrape, "chatops_incidents_opened_total{service=\"other\",severity=\"SEV3\"}"));
        string[] opened = [.. scrape.Split('\n').Where(line => line.StartsWith("chatops_incidents_opened_total{", StringComparison.Ordinal))];
        Assert.Equal(1102, opened.Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)));
        Assert.Equal(ServiceLabels.MaxServices + 3, opened.Length); // the first 100 services, other (SEV3 and SEV1), checkout
        Assert.Equal(1100 - ServiceLabels.MaxServices + 1, Scrape.Value(scrape, "chatops_metrics_services_folded_total"));
        Assert.DoesNotContain("\nchatops_metrics_series_dropped_total{", scrape, StringComparison.Ordinal);
        Assert.True(scrape.Length < 256 * 1024, $"The scrape is {scrape.Length} characters.");
    }

    private static string Alert(string service, string severity) => Payloads.OneAlert(
        $"{{}}:{{service=\"{service}\"}}",
        new Dictionary<string, string> { ["alertname"] = "ServiceDown", ["service"] = service, ["severity"] = severity },
        new Dictionary<string, string> { ["summary"] = $"{service} is down" });
}
