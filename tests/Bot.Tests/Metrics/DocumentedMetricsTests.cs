using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Metrics;

/// <summary>Issue 17, item 17: with Slack off, <c>chatops_slack_api_calls_total</c> was missing though the README lists it.</summary>
public sealed partial class DocumentedMetricsTests
{
    [Fact]
    public async Task Every_metric_the_readme_lists_has_help_and_type_in_the_scrape_of_a_bot_with_nothing_configured()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"), ct);
        string[] documented = [.. MetricName().Matches(readme).Select(match => match.Groups[1].Value).Distinct()];
        await using var bot = new BotHost();

        string scrape = await bot.CreateClient().GetStringAsync("/metrics", ct);

        Assert.Contains("chatops_slack_api_calls_total", documented);
        string[] missing = [.. documented.Where(name => !scrape.Contains($"# HELP {name} ", StringComparison.Ordinal)
            || !scrape.Contains($"# TYPE {name} ", StringComparison.Ordinal))];
        Assert.True(missing.Length == 0, $"The README lists metrics the scrape lacks: {string.Join(", ", missing)}");
    }

    /// <summary>A bot metric written as code in the README (<c>`chatops_…`</c>), label selectors left out.</summary>
    [GeneratedRegex(@"`(chatops_[a-z0-9_]+)")]
    private static partial Regex MetricName();
}
