using ChatOpsIncidents.Bot.Tests.Scheduling;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slack.Commands;

public sealed class PostmortemCommandTests
{
    [Theory]
    [InlineData("\"Add a canary stage\" <@U0ALICE01|alice>", "Add a canary stage", "U0ALICE01")]
    [InlineData("“Page the DBA on replica lag” me", "Page the DBA on replica lag", SlackBot.UserId)]
    [InlineData("Write the runbook for disk pressure", "Write the runbook for disk pressure", null)]
    public async Task Followup_records_an_action_item_with_its_owner_and_the_draft_lists_it(string text, string item, string? owner)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        string reply = await bot.ReplyToAsync($"followup {key} {text}");

        Assert.StartsWith($"📌 Added the follow-up to *{key}*", reply, StringComparison.Ordinal);
        TimelineEntry entry = (await bot.IncidentAsync(key)).Timeline.Single(e => e.Kind == TimelineEntryKind.FollowUpAdded);
        Assert.Equal((item, owner), (entry.Text, entry.Recipients));
        string draft = await bot.ReplyToAsync($"postmortem {key}");
        Assert.Contains($"- [ ] {item}", draft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oncall_shows_who_is_on_call_now_and_next_in_each_schedule()
    {
        Dictionary<string, string?> settings = EscalationBot.EscalationSettings();
        settings["OnCall:Schedules:primary:Layers:0:Participants:1"] = "U0BOB0001";
        await using SlackBot bot = await SlackBot.StartAsync(settings);

        string reply = await bot.ReplyToAsync("oncall");
        string unknown = await bot.ReplyToAsync("oncall secondary");

        // 2026-03-02 09:15 UTC is Monday 10:15 in Berlin: the rotation started 2026-01-05 09:00, weekly, so 8 weeks in.
        Assert.StartsWith($"*On call*\n• *primary*: <@{EscalationBot.OnCallUser}> · next <@U0BOB0001> from <!date^", reply, StringComparison.Ordinal);
        Assert.Equal("There is no schedule “secondary”. Schedules: primary.", unknown);
    }

    [Fact]
    public async Task Oncall_shows_the_schedules_of_the_schedules_file_too()
    {
        string folder = Directory.CreateTempSubdirectory("oncall-file-").FullName;
        try
        {
            string file = Path.Combine(folder, "oncall.yaml");
            await File.WriteAllTextAsync(file, """
                schedules:
                  database:
                    layers:
                      - participants: [U0DBA0001]
                        startDate: 2026-01-05
                """, TestContext.Current.CancellationToken);
            Dictionary<string, string?> settings = EscalationBot.EscalationSettings();
            settings["OnCall:SchedulesFile"] = file;
            await using SlackBot bot = await SlackBot.StartAsync(settings);

            string reply = await bot.ReplyToAsync("oncall database");

            Assert.StartsWith("*On call*\n• *database*: <@U0DBA0001>", reply, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
