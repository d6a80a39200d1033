using System.Net;
using System.Text;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Grafana;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Alertmanager;

/// <summary>
/// Grafana-managed alerts: Grafana's webhook contact point body (a recorded sample: version "1", title, message, per-alert
/// links, <c>values</c> that may be null) by POST or PUT opens an incident through the Alertmanager intake, keeping its
/// links for the card; with a secret configured, only a delivery signed with it is taken.
/// </summary>
public sealed class GrafanaWebhookTests
{
    private const string Secret = "grafana-hmac-secret";

    private static string Sample { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Alertmanager", "Payloads", "grafana-firing.json"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task A_grafana_delivery_opens_an_incident_whose_card_links_its_dashboard_panel_and_silence(string method)
    {
        await using BotHost bot = new();

        HttpResponseMessage response = await SendAsync(bot, method, Sample);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        IncidentDetailsView incident = await bot.GetIncidentAsync("INC-1");
        Assert.Equal(2, incident.Alerts.Count);
        AlertView latency = incident.Alerts.Single(alert => alert.Labels["alertname"] == "CheckoutLatencyHigh");
        Assert.Equal("p99 latency of checkout above 2 s", latency.Annotations["summary"]);
        AlertView noData = incident.Alerts.Single(alert => alert.Labels["alertname"] == "DatasourceNoData");
        Assert.Equal("[FIRING:2] checkout (Payments)", noData.Annotations["summary"]);
        Assert.StartsWith("**Firing**", noData.Annotations["description"], StringComparison.Ordinal);
        Assert.Equal(
            [
                ("📈 Dashboard", "https://grafana.example.com/d/checkout?orgId=1"),
                ("📊 Panel", "https://grafana.example.com/d/checkout?orgId=1&viewPanel=4"),
                ("🔕 Silence", "https://grafana.example.com/alerting/silence/new?alertmanager=grafana&matcher=alertname%3DCheckoutLatencyHigh"),
                ("🔕 Silence 2", "https://grafana.example.com/alerting/silence/new?alertmanager=grafana&matcher=alertname%3DDatasourceNoData"),
            ],
            await CardLinksAsync(bot));
    }

    [Fact]
    public async Task An_alertmanager_version_is_refused_here_and_nothing_is_stored()
    {
        await using BotHost bot = new();

        HttpResponseMessage response = await SendAsync(bot, "POST", Sample.Replace("\"version\": \"1\"", "\"version\": \"4\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\\\"version\\\" is \\\"4\\\"; this endpoint takes webhook payload version \\\"1\\\".", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
    }

    [Fact]
    public async Task With_a_secret_only_a_delivery_signed_with_it_is_taken()
    {
        await using BotHost bot = new(new() { ["Grafana:SigningSecret"] = Secret });

        HttpResponseMessage unsigned = await SendAsync(bot, "POST", Sample);
        HttpResponseMessage forged = await SendAsync(bot, "POST", Sample, GrafanaSignature.Sign("another-secret", Sample));
        HttpResponseMessage tampered = await SendAsync(bot, "POST", Sample.Replace("checkout", "ledger", StringComparison.Ordinal), GrafanaSignature.Sign(Secret, Sample));
        int before = (await bot.ListIncidentsAsync()).Total;
        HttpResponseMessage signed = await SendAsync(bot, "POST", Sample, GrafanaSignature.Sign(Secret, Sample));

        Assert.Equal(
            (HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, 0, HttpStatusCode.OK),
            (unsigned.StatusCode, forged.StatusCode, tampered.StatusCode, before, signed.StatusCode));
        Assert.Contains("X-Grafana-Alerting-Signature does not match the body", await forged.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, (await bot.ListIncidentsAsync()).Total);
    }

    [Fact]
    public async Task A_signature_over_the_timestamp_and_the_body_is_checked_with_the_timestamp()
    {
        await using BotHost bot = new(new() { ["Grafana:SigningSecret"] = Secret });

        HttpResponseMessage signed = await SendAsync(bot, "POST", Sample, GrafanaSignature.Sign(Secret, "1772442600:" + Sample), timestamp: "1772442600");
        HttpResponseMessage otherTime = await SendAsync(bot, "POST", Sample, GrafanaSignature.Sign(Secret, "1772442600:" + Sample), timestamp: "1772442601");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (signed.StatusCode, otherTime.StatusCode));
    }

    [Fact]
    public async Task Without_the_webhook_token_the_delivery_is_refused_before_its_body_is_read()
    {
        await using BotHost bot = new(new() { ["Alertmanager:BearerToken"] = "alertmanager-token-0123456789abcdef" });

        HttpResponseMessage response = await SendAsync(bot, "PUT", Sample);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
    }

    private static async Task<HttpResponseMessage> SendAsync(BotHost bot, string method, string body, string? signature = null, string? timestamp = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), GrafanaEndpoints.Route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(GrafanaSignature.Header, signature);
        }
        if (timestamp is not null)
        {
            request.Headers.Add(GrafanaSignature.TimestampHeader, timestamp);
        }
        return await bot.CreateClient().SendAsync(request, Ct);
    }

    private static async Task<IEnumerable<(string, string)>> CardLinksAsync(BotHost bot)
    {
        await using AsyncServiceScope scope = bot.Services.CreateAsyncScope();
        Incident incident = (await scope.ServiceProvider.GetRequiredService<IncidentQueries>().FindAsync(new IncidentKey(1), Ct))!;
        ActionsBlock links = IncidentCardLinks.Render(incident)!;
        return links.Elements.OfType<ButtonElement>().Select(button => (button.Text.Text, button.Url!.ToString()));
    }
}
