using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Maintenance;
using ChatOpsIncidents.Bot.Tests.Scheduling;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Maintenance;

/// <summary>Maintenance windows from Slack in a real Alertmanager; Dana's Slack time zone is Europe/Berlin.</summary>
public sealed class MaintenanceFromSlackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_window_to_come_becomes_a_silence_starting_then_is_listed_in_the_persons_zone_and_cancelled()
    {
        await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(new Uri("http://127.0.0.1:9/webhooks/alertmanager"), null, Ct);
        await using SlackBot bot = await SlackBot.StartAsync(
            new() { ["Alertmanager:Urls:0"] = alertmanager.BaseAddress.AbsoluteUri }, now: DateTimeOffset.UtcNow);
        (DateTimeOffset start, string berlin) = TomorrowAt21Utc();

        Assert.Equal("Making the maintenance window in Alertmanager…",
            await bot.ReplyToCommandAsync("/maintenance", $"add service=checkout namespace=payments from {berlin} for 2h \"database upgrade\""));
        await bot.WhenIdleAsync();

        JsonNode silence = Assert.Single(await alertmanager.SilencesAsync(Ct))!;
        string id = (string)silence["id"]!;
        Assert.Equal(("pending", start, start.AddHours(2), SlackBot.UserName, "Maintenance: database upgrade"),
            ((string?)silence["status"]!["state"], DateTimeOffset.Parse((string)silence["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture),
             DateTimeOffset.Parse((string)silence["endsAt"]!, System.Globalization.CultureInfo.InvariantCulture), (string?)silence["createdBy"], (string?)silence["comment"]));
        Assert.Equal(["namespace=payments", "service=checkout"], silence["matchers"]!.AsArray().Select(m => $"{m!["name"]}={m["value"]}").Order());
        MaintenanceTime zone = MaintenanceTime.For("Europe/Berlin");
        Assert.StartsWith($"🛠️ Maintenance window `{id}`: from {zone.Show(start)} to {zone.Show(start.AddHours(2))} (", bot.ResponseUrls.Texts[^1], StringComparison.Ordinal);

        await bot.ReplyToCommandAsync("/maintenance", "list");
        await bot.WhenIdleAsync();
        Assert.StartsWith($"• `{id}` from {zone.Show(start)} to {zone.Show(start.AddHours(2))}", bot.ResponseUrls.Texts[^1], StringComparison.Ordinal);
        Assert.EndsWith("for service=\"checkout\", namespace=\"payments\" · database upgrade (by dana)", bot.ResponseUrls.Texts[^1], StringComparison.Ordinal);

        await bot.ReplyToCommandAsync("/maintenance", $"cancel {id}");
        await bot.WhenIdleAsync();
        Assert.Equal($"Cancelled the maintenance window `{id}`: its alerts page again.", bot.ResponseUrls.Texts[^1]);
        Assert.Equal("expired", (string?)Assert.Single(await alertmanager.SilencesAsync(Ct))!["status"]!["state"]);

        await bot.ReplyToCommandAsync("/maintenance", "list");
        await bot.WhenIdleAsync();
        Assert.Equal("No maintenance window is to come or under way.", bot.ResponseUrls.Texts[^1]);
    }

    [Fact]
    public async Task The_incidents_channel_is_told_when_a_window_starts_and_when_it_ends()
    {
        await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(new Uri("http://127.0.0.1:9/webhooks/alertmanager"), null, Ct);
        await using SlackBot bot = await SlackBot.StartAsync(
            new() { ["Alertmanager:Urls:0"] = alertmanager.BaseAddress.AbsoluteUri }, now: DateTimeOffset.UtcNow);
        (DateTimeOffset start, string berlin) = TomorrowAt21Utc();
        await bot.ReplyToCommandAsync("/maintenance", $"add service=checkout namespace=payments from {berlin} for 2h \"database upgrade\"");
        await bot.WhenIdleAsync();
        string id = (string)Assert.Single(await alertmanager.SilencesAsync(Ct))!["id"]!;
        string window = $"service=\"checkout\", namespace=\"payments\" · database upgrade (window {id})";
        string day = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        bot.Time.JumpTo(start);
        Assert.Equal(1, await DueTriggers.FireAsync(bot.Time, bot.Host));
        RecordedCall started = Assert.Single(await bot.CallsToAsync("chat.postMessage", 1));
        bot.Time.JumpTo(start.AddHours(2));
        Assert.Equal(1, await DueTriggers.FireAsync(bot.Time, bot.Host));
        RecordedCall ended = (await bot.CallsToAsync("chat.postMessage", 2))[1];

        Assert.Equal([bot.OpsChannel, bot.OpsChannel], new[] { started, ended }.Select(post => post.Json!["channel"]!.GetValue<string>()));
        Assert.Equal($"🛠 Maintenance started: {window} until {day}T23:00:00+00:00 (by dana)", started.Json!["text"]!.GetValue<string>());
        Assert.Equal($"Maintenance ended: {window} ({day}T21:00:00+00:00 to {day}T23:00:00+00:00)", ended.Json!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_window_Alertmanager_holds_that_the_bot_does_not_keep_is_taken_on_and_announced_at_its_start()
    {
        await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(new Uri("http://127.0.0.1:9/webhooks/alertmanager"), null, Ct);
        await using SlackBot bot = await SlackBot.StartAsync(
            new() { ["Alertmanager:Urls:0"] = alertmanager.BaseAddress.AbsoluteUri }, now: DateTimeOffset.UtcNow);
        (DateTimeOffset start, _) = TomorrowAt21Utc();
        // As a bot that stopped between making the silence and keeping the window would leave it (or a person with amtool).
        (int exitCode, string output) = await PrometheusTools.AmtoolAsync(
            ["silence", "add", "service=checkout", $"--alertmanager.url={alertmanager.BaseAddress.AbsoluteUri}", "--author=erin",
             "--comment=Maintenance: kernel patching", $"--start={Rfc3339(start)}", $"--end={Rfc3339(start.AddHours(2))}"],
            Path.GetTempPath(), Ct);
        Assert.True(exitCode == 0, output);
        string id = output.Trim();

        bot.Time.JumpTo(start);
        int fired = 0;
        for (int attempt = 0; attempt < 100 && fired == 0; attempt++)
        {
            await Task.Delay(100, Ct);
            fired = await DueTriggers.FireAsync(bot.Time, bot.Host);
        }

        Assert.Equal(1, fired);
        RecordedCall started = Assert.Single(await bot.CallsToAsync("chat.postMessage", 1));
        string day = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            $"🛠 Maintenance started: service=\"checkout\" · kernel patching (window {id}) until {day}T23:00:00+00:00 (by erin)",
            started.Json!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_Alertmanager_urls_maintenance_says_it_is_not_configured_and_a_non_responder_is_refused()
    {
        await using SlackBot bot = await SlackBot.StartAsync(new() { ["Slack:Responders:0"] = SlackBot.OtherUserId });

        Assert.Equal(MaintenanceWindows.NotConfigured, await bot.ReplyToCommandAsync("/maintenance", "list"));
        Assert.StartsWith("🚫 ", await bot.ReplyToCommandAsync("/maintenance", "add service=checkout from now for 1h \"x\""), StringComparison.Ordinal);
    }

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Tomorrow at 21:00 UTC, and as Dana types it in Berlin (22:00 or 23:00).</summary>
    private static (DateTimeOffset Start, string InBerlin) TomorrowAt21Utc()
    {
        DateTimeOffset tomorrow = DateTimeOffset.UtcNow.AddDays(1);
        DateTimeOffset start = new(tomorrow.Year, tomorrow.Month, tomorrow.Day, 21, 0, 0, TimeSpan.Zero);
        return (start, TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }
}
