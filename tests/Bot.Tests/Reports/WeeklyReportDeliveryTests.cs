using ChatOpsIncidents.Bot.Reports;
using ChatOpsIncidents.Bot.Tests.Scheduling;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Core.Reports;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.Reports;

/// <summary>
/// The weekly report through Quartz and the outbox's channel-message lane to Slack. The bot starts Monday 2 March 2026 at
/// 09:15 UTC; the report is due Mondays at 10:00 Europe/Berlin, 09:00 UTC until the clocks change on 29 March.
/// </summary>
public sealed class WeeklyReportDeliveryTests
{
    private static readonly DateTimeOffset s_firstReport = new(2026, 3, 9, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(EscalationBot Bot, string Channel)> StartAsync()
    {
        var settings = new Dictionary<string, string?> { ["WeeklyReport:TimeZone"] = "Europe/Berlin", ["WeeklyReport:Time"] = "10:00" };
        EscalationBot bot = await EscalationBot.StartAsync(settings);
        Assert.Equal(0, await bot.FireDueAsync()); // starts the host, which schedules the report
        return (bot, bot.IncidentsChannel);
    }

    [Fact]
    public async Task The_report_is_posted_once_in_the_incidents_channel_when_its_week_ends()
    {
        (EscalationBot bot, string channel) = await StartAsync();
        await using EscalationBot _ = bot;
        bot.Clock.Advance(s_firstReport - bot.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await bot.FireDueAsync());

        bot.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await bot.FireDueAsync());
        await bot.DrainAsync();

        RecordedCall post = Assert.Single(bot.Slack.CallsTo("chat.postMessage"));
        Assert.Equal(channel, post.Json!["channel"]!.GetValue<string>());
        Assert.Equal(
            """
            📊 Weekly incident report: Mon 2 Mar 2026 10:00 to Mon 9 Mar 2026 10:00 (Europe/Berlin, UTC+01:00)
            Mean time to acknowledge and to resolve, by severity:
            • No incidents were opened.
            False positives: 0 (target under 5 ✅)
            Noisiest alerts: none marked noise
            Automatic remediation: no automatic runs (target over 80 %)
            Postmortems: 0 of 0 done within 3d (target: all ✅); none overdue
            """,
            post.Json["text"]!.GetValue<string>());
        Assert.Equal(s_firstReport.AddDays(7), await bot.NextFireTimeAsync(DueWorkTrigger()));
    }

    [Fact]
    public async Task A_report_Slack_rate_limits_for_long_is_posted_after_Retry_After_and_once()
    {
        (EscalationBot bot, string channel) = await StartAsync();
        await using EscalationBot _ = bot;
        bot.Slack.InjectFault(SlackFault.RateLimited(TimeSpan.FromMinutes(2)), method: "chat.postMessage");
        bot.Clock.Advance(s_firstReport - bot.Clock.GetUtcNow());
        Assert.Equal(1, await bot.FireDueAsync());
        await bot.DrainAsync();
        Assert.Empty(bot.Slack.Workspace.Messages(channel));

        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await bot.DrainAsync();
        Assert.Empty(bot.Slack.Workspace.Messages(channel));

        bot.Clock.Advance(TimeSpan.FromMinutes(2));
        await bot.DrainAsync();

        Assert.StartsWith("📊 Weekly incident report", Assert.Single(bot.Slack.Workspace.Messages(channel)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schedule_follows_the_time_zone_across_a_change_of_the_clocks()
    {
        var schedule = new QuartzReportSchedule(Options.Create(new WeeklyReportOptions { TimeZone = "Europe/Berlin", Time = new TimeOnly(10, 0) }));

        Assert.Equal(s_firstReport, schedule.NextAfter(s_firstReport.AddDays(-7)));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 3, 23, 9, 0, 0, TimeSpan.Zero)));
    }

    private static Quartz.TriggerKey DueWorkTrigger() => Bot.Scheduling.DueWorkJob.TriggerFor(WeeklyReports.KindName, WeeklyReport.WeeklyName);
}
