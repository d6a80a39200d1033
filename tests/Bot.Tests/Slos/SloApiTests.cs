using System.Net;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.TestSupport;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.Slos;

/// <summary>GET /api/slos without figures: Prometheus unreachable or not asked, and the settings checked at start.</summary>
public sealed class SloApiTests : IDisposable
{
    public const string Spec = """
        version: "prometheus/v1"
        service: "checkout"
        slos:
          - name: "availability"
            objective: 99.9
            description: "Checkout requests answered without a 5xx."
            sli:
              events:
                error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
                total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
            alerting:
              name: CheckoutAvailabilityBudgetBurn
              ticket_alert: {disable: true}
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("slo-api-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string SpecFile => Path.Combine(_folder, "checkout.yml");

    [Fact]
    public async Task An_unreachable_Prometheus_gives_the_slos_with_budget_unknown_and_why()
    {
        int port = FreePort.Next();
        await using BotHost bot = Bot($"http://127.0.0.1:{port}/");

        HttpResponseMessage response = await bot.CreateClient().GetAsync("/api/slos", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SloView slo = Assert.Single((await response.Content.ReadFromJsonAsync<SloListView>(Ct))!.Slos);
        Assert.Equal((99.9, (double?)null, (double?)null), (slo.Objective, slo.BudgetRemaining, slo.BurnRate));
        Assert.StartsWith($"Budget unknown: Prometheus at http://127.0.0.1:{port} cannot be reached:", slo.Unknown, StringComparison.Ordinal);
        Assert.All(slo.Windows, window => Assert.Equal((null, null, null), (window.ShortBurnRate, window.LongBurnRate, window.Exceeded)));
    }

    [Fact]
    public async Task An_unknown_slo_is_404_with_how_to_find_the_ids()
    {
        await using BotHost bot = Bot("");

        HttpResponseMessage response = await bot.CreateClient().GetAsync("/api/slos/checkout", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(
            "No SLO has the id \"checkout\"; GET /api/slos lists them (ids are <service>-<name>).",
            (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Detail);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_slo_endpoints()
    {
        await using BotHost bot = Bot("");

        string document = await bot.CreateClient().GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("\"/api/slos\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/slos/{id}\"", document, StringComparison.Ordinal);
        Assert.Contains("\"budgetRemaining\"", document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Prometheus:Url", "prometheus:9090", "Prometheus:Url must be an absolute http(s) URL")]
    [InlineData("Prometheus:Timeout", "00:00:00", "Prometheus:Timeout must be a duration above zero and at most a minute")]
    public async Task A_wrong_prometheus_setting_stops_the_bot_naming_the_key(string key, string value, string message)
    {
        await using var bot = new BotHost(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => bot.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_slo_file_stops_the_bot_naming_the_key_the_file_the_slo_and_the_field()
    {
        File.WriteAllText(SpecFile, Spec.Replace("    objective: 99.9", "    objective: 199.9", StringComparison.Ordinal));
        await using var bot = new BotHost(new() { ["Slos:Files:0"] = SpecFile });

        var error = Assert.Throws<OptionsValidationException>(() => bot.CreateClient());

        Assert.Contains($"Slos:Files: SLO file {SpecFile} line 5: SLO \"availability\": slos[0].objective: must be above 0 and below 100", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private BotHost Bot(string prometheusUrl)
    {
        File.WriteAllText(SpecFile, Spec);
        return new BotHost(new() { ["Slos:Files:0"] = SpecFile, ["Prometheus:Url"] = prometheusUrl });
    }
}
