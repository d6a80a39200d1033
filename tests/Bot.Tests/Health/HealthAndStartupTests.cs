using System.Net;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.TestSupport;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOpsIncidents.Bot.Tests.Health;

public sealed class HealthAndStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_on_a_working_database()
    {
        await using var bot = new BotHost();

        HttpResponseMessage live = await bot.CreateClient().GetAsync("/healthz", Ct);
        HttpResponseMessage ready = await bot.CreateClient().GetAsync("/readyz", Ct);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync(Ct)));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync(Ct)));
    }

    /// <summary>A PostgreSQL server of its own, so stopping it disturbs no other test.</summary>
    [Fact]
    public async Task While_PostgreSQL_is_down_deliveries_get_503_so_Alertmanager_retries_and_the_bot_recovers_without_a_restart()
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        postgres.RequireAvailable();
        string connectionString = await postgres.CreateDatabaseAsync(Ct);
        await using var bot = new BotHost(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Incidents"] = connectionString,
        });
        _ = bot.CreateClient(); // starts the bot: migrations applied while the server is up

        await postgres.StopAsync(Ct);
        HttpResponseMessage duringOutage = await bot.PostWebhookAsync(Payloads.Firing);
        HttpResponseMessage readyDuringOutage = await bot.CreateClient().GetAsync("/readyz", Ct);
        HttpResponseMessage liveDuringOutage = await bot.CreateClient().GetAsync("/healthz", Ct);
        await postgres.StartAsync(Ct);
        NpgsqlConnection.ClearAllPools();
        HttpResponseMessage afterOutage = await bot.PostWebhookAsync(Payloads.Firing);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.Equal("Database unavailable", (await duringOutage.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Title);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, liveDuringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterOutage.StatusCode);
        Assert.Equal("""{"incident":"INC-1","outcome":"opened"}""", await afterOutage.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("Slack:BotToken", "xoxb-1", "Slack:SigningSecret or Slack:AppToken is required when Slack:BotToken is set")]
    [InlineData("Slack:AppToken", "xoxb-not-an-app-token", "Slack:AppToken must be an app-level token")]
    [InlineData("Incidents:ReopenWindow", "-00:05:00", "Incidents:ReopenWindow must be zero or a positive duration")]
    [InlineData("Database:Provider", "Postgres", "ConnectionStrings:Incidents is required when Database:Provider is Postgres")]
    public async Task A_wrong_setting_stops_the_bot_with_a_message_naming_the_key(string key, string value, string message)
    {
        await using var bot = new BotHost(new() { [key] = value, ["Slack:IncidentsChannel"] = "#incidents" });

        var error = Assert.Throws<OptionsValidationException>(() => bot.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
