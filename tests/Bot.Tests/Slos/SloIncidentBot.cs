using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slos;

/// <summary>The bot with Slack (the stand-in) and the checkout SLO, receiving the SLO's burn-rate alerts from Alertmanager.</summary>
internal static class SloIncidentBot
{
    /// <summary>
    /// How long a wait lasts in real time. The card's SLO edit did not always come within 30 s on a loaded machine, where fewer
    /// ticks of the clock fit in the wait.
    /// </summary>
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

    public static Task<SlackBot> StartAsync(string specFile, string prometheusUrl, DateTimeOffset now) => SlackBot.StartAsync(
        new() { ["Slos:Files:0"] = specFile, ["Prometheus:Url"] = prometheusUrl },
        now: now);

    /// <summary>Alertmanager delivers the checkout SLO's page-level burn-rate alert, rated "info" by its own severity label.</summary>
    public static async Task<IncidentKey> PageAsync(this SlackBot bot)
    {
        HttpResponseMessage response = await bot.Host.PostWebhookAsync(Payloads.OneAlert(
            "{}:{alertname=\"CheckoutAvailabilityBudgetBurn\"}",
            new Dictionary<string, string>
            {
                ["alertname"] = "CheckoutAvailabilityBudgetBurn",
                ["sloth_id"] = "checkout-availability",
                ["sloth_service"] = "checkout",
                ["sloth_slo"] = "availability",
                ["sloth_severity"] = "page",
                ["severity"] = "info",
            },
            new Dictionary<string, string> { ["summary"] = "checkout availability SLO error budget burn rate is over expected." }));
        response.EnsureSuccessStatusCode();
        JsonObject answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.True(IncidentKey.TryParse(answer["incident"]!.GetValue<string>(), out IncidentKey key));
        return key;
    }

    /// <summary>Waits (at most <see cref="s_patience"/>) until <paramref name="done"/> holds for the incident.</summary>
    public static async Task<Incident> WaitForAsync(this SlackBot bot, IncidentKey key, Func<Incident, bool> done, string what)
    {
        using var patience = new CancellationTokenSource(s_patience);
        while (true)
        {
            Incident incident = await bot.IncidentAsync(key);
            if (done(incident))
            {
                return incident;
            }
            Assert.False(patience.IsCancellationRequested, $"Waited {s_patience.TotalSeconds} s for {what}.");
            await bot.TickAsync();
        }
    }

    /// <summary>Waits (at most <see cref="s_patience"/>) until the incident's card in its channel has an SLO section, and returns that section's text.</summary>
    public static async Task<string> SloSectionOfTheCardAsync(this SlackBot bot, string expectedStart)
    {
        using var patience = new CancellationTokenSource(s_patience);
        while (true)
        {
            string? section = bot.Slack.CallsTo("chat.update").Concat(bot.Slack.CallsTo("chat.postMessage"))
                .Select(call => new SlackArguments(call.Json, call.Form).Node("blocks"))
                .SelectMany(blocks => blocks?.AsArray() ?? [])
                .SelectMany(block => RenderedText.Of(block))
                .LastOrDefault(text => text.StartsWith("📉 *SLO* checkout-availability", StringComparison.Ordinal) && text.Contains(expectedStart, StringComparison.Ordinal));
            if (section is not null)
            {
                return section;
            }
            Assert.False(patience.IsCancellationRequested, $"Waited {s_patience.TotalSeconds} s for the card's SLO section with \"{expectedStart}\".");
            await bot.TickAsync();
        }
    }

    /// <summary>
    /// Waits a moment, moving the bot's clock on by 100 ms: Slack's one message a second per channel is kept on that clock.
    /// A wait (at most <see cref="s_patience"/>) moves it at most two minutes, within Prometheus' 5-minute look-back, so it answers
    /// as at the start.
    /// </summary>
    private static async Task TickAsync(this SlackBot bot)
    {
        await Task.Delay(50, TestContext.Current.CancellationToken);
        bot.Time.Advance(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Waits (at most <see cref="s_patience"/>) until the bot posted <paramref name="text"/> as a message.</summary>
    public static async Task WaitUntilPostedAsync(this SlackBot bot, string text)
    {
        using var patience = new CancellationTokenSource(s_patience);
        while (!bot.Slack.CallsTo("chat.postMessage").Any(call => new SlackArguments(call.Json, call.Form).Text("text") == text))
        {
            Assert.False(patience.IsCancellationRequested, $"Waited {s_patience.TotalSeconds} s for the message \"{text}\".");
            await bot.TickAsync();
        }
    }
}
