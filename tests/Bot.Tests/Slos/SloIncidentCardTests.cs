using ChatOpsIncidents.Bot.Slack.Slos;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slos;

/// <summary>An SLO incident and <c>/slo</c> when Prometheus cannot answer: "budget unknown", never a failed delivery or command.</summary>
public sealed class SloIncidentCardTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("slo-card-").FullName;

    private string SpecFile => Path.Combine(_folder, "checkout.yml");

    [Fact]
    public async Task With_Prometheus_unreachable_the_card_says_budget_unknown_and_why_and_the_incident_is_delivered_all_the_same()
    {
        File.WriteAllText(SpecFile, SloApiTests.Spec);
        int port = FreePort.Next();
        await using SlackBot bot = await SloIncidentBot.StartAsync(SpecFile, $"http://127.0.0.1:{port}/", new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

        IncidentKey key = await bot.PageAsync();

        string section = await bot.SloSectionOfTheCardAsync("budget unknown");
        Assert.StartsWith(
            $"📉 *SLO* checkout-availability · objective 99.9%\nError budget: *budget unknown* (Prometheus at http://127.0.0.1:{port} cannot be reached: ",
            section,
            StringComparison.Ordinal);
        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.StartsWith($"Budget unknown: Prometheus at http://127.0.0.1:{port} cannot be reached: ", incident.Slo!.AtOpen!.Unknown, StringComparison.Ordinal);
        Assert.Single(bot.Slack.CallsTo("conversations.create"));
        Assert.Contains("checkout-availability* (99.9%): budget unknown · burn rate *unknown* (Budget unknown: Prometheus at", await bot.ReplyToCommandAsync(SloCommands.Name, ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slo_show_names_an_unknown_slo_and_how_to_list_them()
    {
        File.WriteAllText(SpecFile, SloApiTests.Spec);
        await using SlackBot bot = await SloIncidentBot.StartAsync(SpecFile, "", new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

        Assert.Equal("There is no SLO “checkout”; `/slo list` lists them.", await bot.ReplyToCommandAsync(SloCommands.Name, "show checkout"));
        Assert.Equal(SloCommands.Table.Help, await bot.ReplyToCommandAsync(SloCommands.Name, "help"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
