using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>An incident of a storm waits for the storm's channel, but not forever: nothing it has to tell may be lost.</summary>
public sealed class StormChannelRefusedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Incidents_of_a_storm_whose_channel_Slack_refuses_get_channels_of_their_own_after_two_minutes()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, incidents), clock);
        for (int i = 1; i <= 11; i++)
        {
            await bot.PostWebhookAsync(Payloads.OneAlert($"disk-{i}", "DiskFilling", "warning"));
        }
        TakeEveryNameOfTheStormChannel(slack, await StormAsync(bot));

        await ManualDelivery.DrainAsync(bot, clock);
        Assert.DoesNotContain(slack.CallsTo("chat.postMessage"), call => call.Json?["blocks"]?[0]?["text"]?["text"]?.GetValue<string>().StartsWith("INC-1 ", StringComparison.Ordinal) == true);

        clock.Advance(TimeSpan.FromMinutes(2));
        await ManualDelivery.DrainAsync(bot, clock);

        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        Assert.StartsWith("inc-1-", slack.Workspace.Channel(channel)!.Name, StringComparison.Ordinal);
    }

    private static async Task<Incident> StormAsync(BotHost bot)
    {
        await using AsyncServiceScope scope = bot.Services.CreateAsyncScope();
        Incident? storm = await scope.ServiceProvider.GetRequiredService<IncidentQueries>().FindAsync(new IncidentKey(12), Ct);
        Assert.True(storm is { IsStorm: true }, "INC-12 should be the storm");
        return storm;
    }

    /// <summary>Every name the bot tries for the storm's channel is taken, so Slack refuses it for good.</summary>
    private static void TakeEveryNameOfTheStormChannel(SlackStandIn slack, Incident storm)
    {
        string name = IncidentChannelName.For(new SlackOptions().ChannelPrefix, storm);
        slack.Workspace.AddChannel(name);
        for (int attempt = 2; attempt <= 5; attempt++)
        {
            slack.Workspace.AddChannel(IncidentChannelName.WithSuffix(name, attempt));
        }
    }
}
