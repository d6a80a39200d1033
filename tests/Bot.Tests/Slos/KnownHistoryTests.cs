using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slos;

/// <summary>The API's figures and the SLO dashboard's queries against a real Prometheus holding a known history.</summary>
public sealed class KnownHistoryTests(CheckoutHistory history) : IClassFixture<CheckoutHistory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The bot shows what the recording rules give, to the digit it shows: about 45% of the budget left (the 5-minute slots of
    /// the ten hours average about 0.55x), burning at 2x now, 0.8x over 6 hours (4 hours at 0.2x, 2 at 2x).
    /// </summary>
    [Fact]
    public async Task The_budget_left_and_burn_rates_are_what_the_recording_rules_give_for_a_known_history()
    {
        PrometheusServer prometheus = await history.PrometheusAsync();
        await using var bot = new BotHost(
            new() { ["Slos:Files:0"] = history.SpecFile, ["Prometheus:Url"] = prometheus.BaseAddress.AbsoluteUri }, new ManualTimeProvider(CheckoutHistory.Now));

        SloListView? list = await bot.CreateClient().GetFromJsonAsync<SloListView>("/api/slos", Ct);
        SloView? one = await bot.CreateClient().GetFromJsonAsync<SloView>("/api/slos/checkout-availability", Ct);

        SloView slo = Assert.Single(list!.Slos);
        Assert.Equal(slo, one! with { Windows = slo.Windows, Incidents = null });
        Assert.Equal(slo.Windows, one.Windows);
        double remaining = await prometheus.QueryValueAsync("slo:period_error_budget_remaining:ratio", CheckoutHistory.Now, Ct);
        double burn = await prometheus.QueryValueAsync("slo:current_burn_rate:ratio", CheckoutHistory.Now, Ct);
        double sixHours = await prometheus.QueryValueAsync("slo:sli_error:ratio_rate6h / on(sloth_id) group_left slo:error_budget:ratio", CheckoutHistory.Now, Ct);
        Assert.Equal(Math.Round(remaining * 100, 2), slo.BudgetRemaining);
        Assert.Equal(Math.Round(burn, 2), slo.BurnRate);
        Assert.Equal(Math.Round(sixHours, 2), slo.Windows[1].LongBurnRate);
        Assert.InRange(slo.BudgetRemaining!.Value, 44, 46);
        Assert.Equal(
            new SloView("checkout-availability", "checkout", "availability", "Checkout requests answered without a 5xx.", 99.9, "30d", 0.1, slo.BudgetRemaining, 2, null, slo.Windows),
            slo);
        Assert.Equal(
            [
                new SloWindowView("page", "CheckoutAvailabilityBudgetBurn", "5m", "1h", 14.4, 2, 2, 2, false),
                new SloWindowView("page", "CheckoutAvailabilityBudgetBurn", "30m", "6h", 6, 5, 2, 0.8, false),
                new SloWindowView("ticket", null, "2h", "1d", 3, 10, 2, slo.Windows[2].LongBurnRate, false),
                new SloWindowView("ticket", null, "6h", "3d", 1, 10, 0.8, slo.Windows[3].LongBurnRate, false),
            ],
            slo.Windows);
    }

    /// <summary>
    /// A burn-rate alert opens a SEV1 incident (page, through the severity matrix) whose card shows the objective, the budget
    /// left and the burn rate as the recording rules give them, to the digit shown; /slo and the API list it, and the
    /// postmortem records the budget at opening and at resolution.
    /// </summary>
    [Fact]
    public async Task A_burn_rate_alert_opens_an_incident_whose_card_slo_command_and_postmortem_show_the_budget_the_recording_rules_give()
    {
        PrometheusServer prometheus = await history.PrometheusAsync();
        string budget = SloReading.Percent(await prometheus.QueryValueAsync("slo:period_error_budget_remaining:ratio", CheckoutHistory.Now, Ct))!;
        double currentBurn = await prometheus.QueryValueAsync("slo:current_burn_rate:ratio", CheckoutHistory.Now, Ct);
        string burn = string.Create(CultureInfo.InvariantCulture, $"{Math.Round(currentBurn, 2)}x");
        await using SlackBot bot = await SloIncidentBot.StartAsync(history.SpecFile, prometheus.BaseAddress.AbsoluteUri, CheckoutHistory.Now);

        IncidentKey key = await bot.PageAsync();

        Incident opened = await bot.WaitForAsync(key, incident => incident.Slo?.AtOpen is not null, "the budget at opening");
        Assert.Equal((Severity.Sev1, "checkout-availability"), (opened.Severity, opened.Slo!.SloId));
        string section = await bot.SloSectionOfTheCardAsync("Error budget left");
        Assert.StartsWith($"📉 *SLO* checkout-availability · objective 99.9%\nError budget left (30d): *{budget}* · burn rate *{burn}* · <!date^", section, StringComparison.Ordinal);
        Assert.Contains($"\n• *checkout-availability* (99.9%): *{budget}* left · burn rate *{burn}*", await bot.ReplyToCommandAsync("/slo", ""), StringComparison.Ordinal);
        Assert.Contains($"\n• {key} SEV1 Triggered · ", await bot.ReplyToCommandAsync("/slo", "show checkout-availability"), StringComparison.Ordinal);
        SloView? view = await bot.Host.CreateClient().GetFromJsonAsync<SloView>("/api/slos/checkout-availability", Ct);
        SloIncidentView incidentView = Assert.Single(view!.Incidents!);
        Assert.Equal((key.ToString(), budget, (double?)null), (incidentView.Key, $"{incidentView.BudgetAtOpen}%", incidentView.BudgetAtResolve));

        HttpResponseMessage warned = await bot.CommandAsync($"resolve {key}");
        JsonObject confirm = await InteractionPayloads.ConfirmResolveAsync(warned, SlackBot.UserId);
        Assert.Contains("1 alert is still firing.", await warned.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bot.InteractAsync(confirm)).StatusCode);
        await bot.WaitForAsync(key, incident => incident.Slo?.AtResolve is not null, "the budget at resolution");
        await bot.WaitUntilPostedAsync($"📉 SLO checkout-availability at resolution: {budget} of the 30d error budget left, burn rate {burn}; the incident used 0% of the budget");
        string postmortem = await bot.Host.CreateClient().GetStringAsync($"/api/incidents/{key}/postmortem", Ct);
        Assert.Contains($"| At opening | {budget} |\n| At resolution | {budget} |\n| Used by the incident | 0% |", postmortem.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>Every panel of deploy/grafana/slos.json, with all services and SLOs picked, finds series among the generated rules.</summary>
    [Fact]
    public async Task Every_query_of_the_slo_dashboard_answers_from_the_generated_rules()
    {
        PrometheusServer prometheus = await history.PrometheusAsync();
        JsonNode dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "grafana", "slos.json"), Ct))!;
        string[] queries = [.. dashboard["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]?.AsArray() ?? [])
            .Select(target => target!["expr"]!.GetValue<string>().Replace("$service", ".*", StringComparison.Ordinal).Replace("$slo", ".*", StringComparison.Ordinal))];

        Assert.NotEmpty(queries);
        foreach (string query in queries)
        {
            Assert.True((await prometheus.QueryAsync(query, CheckoutHistory.Now, Ct)).Count > 0, $"No series for the dashboard's query {query}");
        }
    }
}
