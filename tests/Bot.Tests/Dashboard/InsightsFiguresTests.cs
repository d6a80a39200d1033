using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Dashboard;

/// <summary><c>/insights</c> keeps its figures for less than a minute, and never past the day they were computed for.</summary>
public sealed class InsightsFiguresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_insights_page_shows_the_figures_of_up_to_a_minute_ago_then_computes_them_again()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using var bot = new BotHost(time: time);
        await bot.PostWebhookAsync(Payloads.OneAlert("checkout", "CheckoutDown", "critical"));
        time.Advance(TimeSpan.FromSeconds(1)); // [from, until): now counts what opened before it
        string first = await InsightsAsync(bot);
        await bot.PostWebhookAsync(Payloads.OneAlert("search", "SearchDown", "critical"));
        time.Advance(TimeSpan.FromSeconds(59));
        string kept = await InsightsAsync(bot);
        time.Advance(TimeSpan.FromSeconds(1));
        string computedAgain = await InsightsAsync(bot);

        Assert.Contains("<title>SEV1, Mar 2: 1</title>", first);
        Assert.Contains("<title>SEV1, Mar 2: 1</title>", kept);
        Assert.Contains("Figures as of 09:15:01 UTC", kept);
        Assert.Contains("<title>SEV1, Mar 2: 2</title>", computedAgain);
        Assert.Contains("Figures as of 09:16:01 UTC", computedAgain);
    }

    [Fact]
    public async Task Figures_kept_from_yesterday_are_not_shown_today()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 23, 59, 50, TimeSpan.Zero));
        await using var bot = new BotHost(time: time);
        await bot.PostWebhookAsync(Payloads.OneAlert("checkout", "CheckoutDown", "critical"));
        await InsightsAsync(bot);
        time.Advance(TimeSpan.FromSeconds(20));

        string today = await InsightsAsync(bot);

        Assert.Contains("<title>SEV1, Mar 2: 1</title>", today);
        Assert.Contains("Figures as of 00:00:10 UTC", today);
        Assert.Contains("Mar 3", today);
    }

    private static Task<string> InsightsAsync(BotHost bot) => bot.CreateClient().GetStringAsync(new Uri("/insights?days=7", UriKind.Relative), Ct);
}
