using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using NSubstitute;

namespace ChatOpsIncidents.Bot.Tests.Slack.Commands;

/// <summary><c>/incident</c> through the real bot: signed form in, ephemeral JSON out, changes in the database.</summary>
public sealed class IncidentCommandTests
{
    private const string Usage = "KEY is an incident key such as `INC-42`; in an incident's own channel you can leave it out.";

    /// <summary>The verbs that change an open incident: what is typed, the answer, and what the incident and its timeline then hold.</summary>
    public static TheoryData<string, string, IncidentStatus, Severity, string?, string?, TimelineEntryKind, string> Changes => new()
    {
        { "ack INC-1", "👀 Acknowledged *INC-1*: Checkout latency above SLO", IncidentStatus.Acknowledged, Severity.Sev2, null, null, TimelineEntryKind.Acknowledged, "Acknowledged" },
        { "assign INC-1 <@U0ALICE01|alice>", "Assigned *INC-1* to <@U0ALICE01>.", IncidentStatus.Triggered, Severity.Sev2, SlackBot.OtherUserId, null, TimelineEntryKind.Assigned, "Assigned to U0ALICE01" },
        { "assign INC-1 <@U0ALICE01>", "Assigned *INC-1* to <@U0ALICE01>.", IncidentStatus.Triggered, Severity.Sev2, SlackBot.OtherUserId, null, TimelineEntryKind.Assigned, "Assigned to U0ALICE01" },
        { "assign INC-1 U0ALICE01", "Assigned *INC-1* to <@U0ALICE01>.", IncidentStatus.Triggered, Severity.Sev2, SlackBot.OtherUserId, null, TimelineEntryKind.Assigned, "Assigned to U0ALICE01" },
        { "commander INC-1 me", "<@U0ONCALL1> is now the commander of *INC-1*.", IncidentStatus.Triggered, Severity.Sev2, null, SlackBot.UserId, TimelineEntryKind.CommanderChanged, "Commander is now U0ONCALL1" },
        { "severity INC-1 sev1", "*INC-1* is now SEV1.", IncidentStatus.Triggered, Severity.Sev1, null, null, TimelineEntryKind.SeverityChanged, "Severity changed from SEV2 to SEV1" },
        { "severity INC-1 sev 1", "*INC-1* is now SEV1.", IncidentStatus.Triggered, Severity.Sev1, null, null, TimelineEntryKind.SeverityChanged, "Severity changed from SEV2 to SEV1" },
        { "severity INC-1 sev-3", "*INC-1* is now SEV3.", IncidentStatus.Triggered, Severity.Sev3, null, null, TimelineEntryKind.SeverityChanged, "Severity changed from SEV2 to SEV3" },
        { "severity INC-1 P4", "*INC-1* is now SEV4.", IncidentStatus.Triggered, Severity.Sev4, null, null, TimelineEntryKind.SeverityChanged, "Severity changed from SEV2 to SEV4" },
        { "note 1 error rate &lt; 1% after <@U0ALICE01|alice> rolled back", "Added your note to the timeline of *INC-1*.", IncidentStatus.Triggered, Severity.Sev2, null, null, TimelineEntryKind.Note, "error rate < 1% after <@U0ALICE01> rolled back" },
        { "resolve INC-1", "✅ Resolved *INC-1*: Checkout latency above SLO", IncidentStatus.Resolved, Severity.Sev2, null, null, TimelineEntryKind.Resolved, "Resolved" },
        { "resolve INC-1 rolled back the deploy", "✅ Resolved *INC-1*: Checkout latency above SLO", IncidentStatus.Resolved, Severity.Sev2, null, null, TimelineEntryKind.Resolved, "Resolved: rolled back the deploy" },
        { "resolve INC-1 --noise probe flaps on node restarts", "🔕 Resolved *INC-1* as not actionable (noise): Checkout latency above SLO", IncidentStatus.Resolved, Severity.Sev2, null, null, TimelineEntryKind.MarkedNoise, "Not actionable (noise): probe flaps on node restarts" },
        { "resolve INC-1 —noise", "🔕 Resolved *INC-1* as not actionable (noise): Checkout latency above SLO", IncidentStatus.Resolved, Severity.Sev2, null, null, TimelineEntryKind.MarkedNoise, "Not actionable (noise)" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_verb_changes_the_incident_and_its_timeline_names_the_Slack_user_who_typed_it(
        string text, string expectedReply, IncidentStatus status, Severity severity, string? assignee, string? commander, TimelineEntryKind kind, string entryText)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        Assert.Equal(new IncidentKey(1), await bot.DeclareAsync());
        Assert.NotNull(IncidentCommands.Table.Find(text.Split(' ')[0]));

        string reply = await bot.ReplyToAsync(text);

        Assert.Equal(expectedReply, reply);
        Incident incident = await bot.IncidentAsync(new IncidentKey(1));
        Assert.Equal((status, severity, assignee, commander), (incident.Status, incident.Severity, incident.Assignee, incident.Commander));
        TimelineEntry entry = Assert.Single(incident.Timeline, e => e.Kind == kind);
        Assert.Equal((entryText, Actor.SlackUser(SlackBot.UserId, SlackBot.UserName)), (entry.Text, entry.Actor));
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("HELP")]
    public async Task Help_and_an_empty_command_show_the_grammar(string text)
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        string reply = await bot.ReplyToAsync(text);

        Assert.Equal(IncidentCommands.Table.Help, reply);
        Assert.Contains("`/incident new [SEV1-4] title`", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_the_open_incidents_most_severe_first_then_oldest_with_channel_age_and_owner()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey backlog = await bot.DeclareAsync("Queue backlog <growing>", Severity.Sev3);
        bot.Time.Advance(TimeSpan.FromMinutes(10));
        IncidentKey disk = await bot.DeclareAsync("Disk filling up", Severity.Sev3);
        bot.Time.Advance(TimeSpan.FromMinutes(3));
        IncidentKey checkout = await bot.DeclareAsync("Checkout down", Severity.Sev1);
        IncidentKey resolved = await bot.DeclareAsync("Old thing");
        await bot.ReplyToAsync($"resolve {resolved}");
        await bot.ReplyToAsync($"ack {backlog}");
        await bot.ReplyToAsync($"assign {checkout} <@{SlackBot.OtherUserId}|alice>");
        await bot.ReplyToAsync($"commander {disk} me");
        bot.Time.Advance(TimeSpan.FromMinutes(2));
        IReadOnlyDictionary<IncidentKey, string> channels = await bot.ChannelsAsync(backlog, disk, checkout);

        string reply = await bot.ReplyToAsync("list");

        Assert.Equal(
            $"*Open incidents* (3)\n🔴 *{checkout}* SEV1 · triggered · Checkout down · <#{channels[checkout]}> · 2m old · assigned to <@{SlackBot.OtherUserId}>"
            + $"\n🟡 *{backlog}* SEV3 · acknowledged · Queue backlog &lt;growing&gt; · <#{channels[backlog]}> · 15m old · nobody on it yet"
            + $"\n🟡 *{disk}* SEV3 · triggered · Disk filling up · <#{channels[disk]}> · 5m old · commander <@{SlackBot.UserId}>",
            reply);
        Assert.Equal(reply, await bot.ReplyToAsync("list open"));
    }

    [Fact]
    public async Task List_mine_shows_the_open_incidents_I_command_or_am_assigned_to()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey commanded = await bot.DeclareAsync("Commanded by me");
        IncidentKey assigned = await bot.DeclareAsync("Assigned to me");
        IReadOnlyDictionary<IncidentKey, string> channels = await bot.ChannelsAsync(commanded, assigned);
        await bot.DeclareAsync("Someone else's");
        await bot.ReplyToAsync($"commander {commanded} me");
        await bot.ReplyToAsync($"assign {assigned} <@{SlackBot.UserId}|dana>");

        string reply = await bot.ReplyToAsync("list mine");

        Assert.Equal(
            $"*Open incidents you command or are assigned to* (2)\n🟠 *{commanded}* SEV2 · triggered · Commanded by me · <#{channels[commanded]}> · 0s old · commander <@{SlackBot.UserId}>"
            + $"\n🟠 *{assigned}* SEV2 · triggered · Assigned to me · <#{channels[assigned]}> · 0s old · assigned to <@{SlackBot.UserId}>",
            reply);
        Assert.Equal("None of the open incidents is assigned to you or commanded by you.", await bot.ReplyToAsync("list mine", user: SlackBot.OtherUserId));
    }

    [Fact]
    public async Task List_all_includes_resolved_incidents()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync("Resolved already");
        await bot.ReplyToAsync($"resolve {key}");
        string channel = (await bot.ChannelsAsync(key))[key];
        bot.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal($"*Latest incidents* (1)\n🟠 *{key}* SEV2 · resolved · Resolved already · <#{channel}> · 2h old", await bot.ReplyToAsync("list all"));
    }

    [Theory]
    [InlineData("list", "No open incidents. 🎉")]
    [InlineData("list all", "There are no incidents yet.")]
    [InlineData("list closed", "“closed” is not a list. Usage: `/incident list [open|mine|all]`")]
    public async Task List_says_when_there_is_nothing_and_which_lists_exist(string text, string expected)
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        Assert.Equal(expected, await bot.ReplyToAsync(text));
    }

    [Fact]
    public async Task Show_gives_status_people_and_the_latest_timeline()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        await bot.ReplyToAsync($"commander {key} <@{SlackBot.OtherUserId}|alice>");
        await bot.ReplyToAsync($"note {key} p99 &gt; 2s since 09:00");

        string reply = await bot.ReplyToAsync($"show {key}");

        string opened = "<!date^1772442900^{date_short_pretty} {time}|2026-03-02 09:15 UTC>";
        Assert.Equal(
            $"🚨 *{key}* · SEV2 · triggered\n*Checkout latency above SLO*\nCommander: <@{SlackBot.OtherUserId}> · Assignee: nobody yet\nOpened {opened}\n"
            + $"*Latest in the timeline*\n• {opened} Declared SEV2: Checkout latency above SLO — test\n"
            + $"• {opened} Commander is now <@{SlackBot.OtherUserId}> — <@{SlackBot.UserId}>\n"
            + $"• {opened} p99 &gt; 2s since 09:00 — <@{SlackBot.UserId}>",
            reply);
    }

    [Theory]
    [InlineData("new Checkout is down", Severity.Sev3, "Checkout is down")]
    [InlineData("new sev1 Checkout is down", Severity.Sev1, "Checkout is down")]
    [InlineData("declare SEV2 checkout latency", Severity.Sev2, "checkout latency")]
    [InlineData("new 2 pods &amp; 1 node down", Severity.Sev3, "2 pods & 1 node down")]
    [InlineData("new P1 Checkout down", Severity.Sev1, "Checkout down")]
    [InlineData("new sev 2 Checkout down", Severity.Sev2, "Checkout down")]
    [InlineData("new SEV-4 Checkout down", Severity.Sev4, "Checkout down")]
    [InlineData("new severe checkout errors", Severity.Sev3, "severe checkout errors")]
    [InlineData("new Python workers down", Severity.Sev3, "Python workers down")]
    public async Task New_with_a_title_declares_at_once_as_the_Slack_user(string text, Severity severity, string title)
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        string reply = await bot.ReplyToAsync(text);

        var key = new IncidentKey(1);
        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal($"Declared *INC-1* ({severity.ToDisplay()}): {title.Replace("&", "&amp;", StringComparison.Ordinal)}. You are its commander; its channel follows here.", reply);
        Assert.Equal((title, severity, IncidentSource.Manual, SlackBot.UserId), (incident.Title, incident.Severity, incident.Source, incident.Commander));
        Assert.Equal(Actor.SlackUser(SlackBot.UserId, SlackBot.UserName), incident.Timeline[0].Actor);
    }

    [Fact]
    public async Task The_person_who_declares_is_invited_to_the_incident_channel_and_told_its_link()
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        await bot.ReplyToAsync("new P1 Checkout down");

        await bot.WhenIdleWhileTheClockRunsAsync();

        var key = new IncidentKey(1);
        string channel = (await bot.ChannelsAsync(key))[key];
        Assert.Equal([$"*INC-1* has its channel: <#{channel}>"], bot.ResponseUrls.Texts);
        RecordedCall invite = await bot.CallToAsync("conversations.invite");
        Assert.Single(bot.Slack.CallsTo("conversations.invite"));
        Assert.Equal(channel, invite.Json?["channel"]?.GetValue<string>());
        Assert.Contains(SlackBot.UserId, new SlackArguments(invite.Json, invite.Form).Text("users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_without_a_title_opens_the_declare_form_and_answers_nothing()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        string trigger = bot.Slack.Workspace.IssueTriggerId();

        HttpResponseMessage response = await bot.CommandAsync("new sev1", triggerId: trigger);
        await bot.WhenIdleAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        RecordedCall open = Assert.Single(bot.Slack.CallsTo("views.open"));
        Assert.Equal(trigger, open.Json?["trigger_id"]?.GetValue<string>());
        JsonNode view = open.Json!["view"]!;
        Assert.Equal("incident-declare", view["callback_id"]?.GetValue<string>());
        Assert.Equal(bot.OpsChannel, view["private_metadata"]?.GetValue<string>());
        Assert.Equal(["title", "severity", "service", "description"], view["blocks"]!.AsArray().Select(b => b!["block_id"]!.GetValue<string>()));
        Assert.Equal("SEV1", view["blocks"]![1]!["element"]!["initial_option"]!["value"]!.GetValue<string>());
        Assert.Equal(0, await bot.IncidentCountAsync());
    }

    [Fact]
    public async Task When_the_form_cannot_open_the_person_is_told_how_to_declare_without_it()
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        await bot.CommandAsync("new", triggerId: "9999.9999.expired");
        await bot.WhenIdleAsync();

        Assert.Equal(
            ["I could not open the form (Slack said `invalid_trigger_id`). Declare with `/incident new [SEV1-4] title` instead."],
            bot.ResponseUrls.Texts);
    }

    [Fact]
    public async Task In_an_incident_channel_the_key_can_be_left_out()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey other = await bot.DeclareAsync("Another incident");
        IncidentKey key = await bot.DeclareAsync();
        bot.Channels.FindByChannelAsync("C0INC0042", Arg.Any<CancellationToken>()).Returns(key);

        Assert.Equal($"👀 Acknowledged *{key}*: Checkout latency above SLO", await bot.ReplyToAsync("ack", channel: "C0INC0042"));
        Assert.Equal($"*{key}* is now SEV1.", await bot.ReplyToAsync("severity 1", channel: "C0INC0042"));
        Assert.Equal($"Assigned *{key}* to <@{SlackBot.UserId}>.", await bot.ReplyToAsync("assign me", channel: "C0INC0042"));
        Assert.Equal($"Added your note to the timeline of *{key}*.", await bot.ReplyToAsync("note 42 pods restarted", channel: "C0INC0042"));
        Assert.Equal($"✅ Resolved *{key}*: Checkout latency above SLO", await bot.ReplyToAsync("resolve fixed by the rollback", channel: "C0INC0042"));
        Assert.Equal($"*{other}* is now SEV4.", await bot.ReplyToAsync($"severity {other} 4", channel: "C0INC0042"));
        Assert.Equal($"👀 Acknowledged *{other}*: Another incident", await bot.ReplyToAsync($"ack {other.Number}", channel: "C0INC0042"));

        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal("42 pods restarted", incident.Timeline.Single(e => e.Kind == TimelineEntryKind.Note).Text);
        Assert.Equal("Resolved: fixed by the rollback", incident.Timeline.Single(e => e.Kind == TimelineEntryKind.Resolved).Text);
        Incident otherIncident = await bot.IncidentAsync(other);
        Assert.Equal((Severity.Sev4, IncidentStatus.Acknowledged, 3), (otherIncident.Severity, otherIncident.Status, otherIncident.Timeline.Count));
    }

    [Theory]
    [InlineData("resolve INC7 cart is back", "“INC7” is not an incident key — did you mean INC-7?")]
    [InlineData("ack INC4", "“INC4” is not an incident key — did you mean INC-4?")]
    [InlineData("note inc_4 restarted the pods", "“inc_4” is not an incident key — did you mean INC-4?")]
    [InlineData("severity INC#4 sev1", "“INC#4” is not an incident key — did you mean INC-4?")]
    [InlineData("ack INC", "“INC” is not an incident key. Usage: `/incident ack KEY`. " + Usage)]
    public async Task A_mistyped_key_is_refused_in_and_out_of_an_incident_channel_rather_than_taken_for_the_channels_incident(string text, string expected)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        bot.Channels.FindByChannelAsync("C0INC0042", Arg.Any<CancellationToken>()).Returns(key);

        Assert.Equal(expected, await bot.ReplyToAsync(text, channel: "C0INC0042"));
        Assert.Equal(expected, await bot.ReplyToAsync(text));

        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal((IncidentStatus.Triggered, Severity.Sev2, 1), (incident.Status, incident.Severity, incident.Timeline.Count));
    }

    [Theory]
    [InlineData("note including the logs from the pods", "including the logs from the pods")]
    [InlineData("note Incoming traffic is back to normal", "Incoming traffic is back to normal")]
    public async Task A_word_that_only_starts_like_a_key_is_text(string text, string note)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        bot.Channels.FindByChannelAsync("C0INC0042", Arg.Any<CancellationToken>()).Returns(key);

        Assert.Equal($"Added your note to the timeline of *{key}*.", await bot.ReplyToAsync(text, channel: "C0INC0042"));
        Assert.Equal(note, (await bot.IncidentAsync(key)).Timeline.Single(e => e.Kind == TimelineEntryKind.Note).Text);
    }

    [Theory]
    [InlineData("ack", "Which incident? Usage: `/incident ack KEY`. " + Usage)]
    [InlineData("show", "Which incident? Usage: `/incident show KEY`. " + Usage)]
    [InlineData("resolve", "Which incident? Usage: `/incident resolve KEY [--noise] [note]`. " + Usage)]
    [InlineData("severity sev1", "Which incident? Usage: `/incident severity KEY SEV1-4`. " + Usage)]
    [InlineData("note the database is back", "Which incident? Usage: `/incident note KEY text`. " + Usage)]
    [InlineData("assign <@U0ALICE01|alice>", "Which incident? Usage: `/incident assign KEY @user`. " + Usage)]
    [InlineData("ack INC-one", "“INC-one” is not an incident key. Usage: `/incident ack KEY`. " + Usage)]
    [InlineData("assign INC-1", "Who? Usage: `/incident assign KEY @user`")]
    [InlineData("commander INC-1", "Who? Usage: `/incident commander KEY @user`")]
    [InlineData("assign INC-1 @alice", "I don't know who “@alice” is: mention them with @ so Slack fills in who they are, or say `me`. Usage: `/incident assign KEY @user`")]
    [InlineData("commander INC-1 <#C0OPS0001|ops>", "I don't know who “#ops” is: mention them with @ so Slack fills in who they are, or say `me`. Usage: `/incident commander KEY @user`")]
    [InlineData("severity INC-1", "Which severity? Usage: `/incident severity KEY SEV1-4`")]
    [InlineData("severity INC-1 P5", "“P5” is not a severity: use SEV1, SEV2, SEV3 or SEV4 (or P1–P4). Usage: `/incident severity KEY SEV1-4`")]
    [InlineData("severity INC-1 sev5", "“sev5” is not a severity: use SEV1, SEV2, SEV3 or SEV4 (or P1–P4). Usage: `/incident severity KEY SEV1-4`")]
    [InlineData("note INC-1", "What should the note say? Usage: `/incident note KEY text`")]
    [InlineData("new sev0 Everything is down", "“sev0” is not a severity: use SEV1, SEV2, SEV3 or SEV4 (or P1–P4). Usage: `/incident new [SEV1-4] [title]`")]
    [InlineData("escalate INC-1", "I don't know `/incident escalate`. Try one of: help, list, show, ack, assign, commander, severity, note, resolve, silence, unsilence, new, oncall, followup, postmortem, or `/incident help`.")]
    [InlineData("<!channel>", "I don't know `/incident @channel`. Try one of: help, list, show, ack, assign, commander, severity, note, resolve, silence, unsilence, new, oncall, followup, postmortem, or `/incident help`.")]
    [InlineData("postmortem INC-1 done", "Where is the finished postmortem? Give its link. Usage: `/incident postmortem KEY [done <link>]`")]
    [InlineData("postmortem INC-1 done javascript:alert(1)", "Where is the finished postmortem? Give its link. Usage: `/incident postmortem KEY [done <link>]`")]
    [InlineData("postmortem INC-1 finished", "“finished” is not something a postmortem can be. Usage: `/incident postmortem KEY [done <link>]`")]
    [InlineData("postmortem INC-1 done https://wiki.example/pm", "INC-1 has no postmortem yet: it is drafted when the incident is resolved.")]
    [InlineData("followup INC-1", "What is the follow-up? Usage: `/incident followup KEY \"text\" [@owner]`")]
    [InlineData("oncall", "No on-call schedules are configured (settings `OnCall:Schedules`).")]
    public async Task Mistakes_get_a_short_usage_message_and_change_nothing(string text, string expected)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        string reply = await bot.ReplyToAsync(text);

        Assert.Equal(expected, reply);
        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal((IncidentStatus.Triggered, Severity.Sev2, null, null, 1), (incident.Status, incident.Severity, incident.Assignee, incident.Commander, incident.Timeline.Count));
        Assert.Equal(1, await bot.IncidentCountAsync());
    }

    [Theory]
    [InlineData("ack INC-99")]
    [InlineData("show 99")]
    [InlineData("assign INC-99 me")]
    [InlineData("commander INC-99 me")]
    [InlineData("severity INC-99 SEV1")]
    [InlineData("note INC-99 hello")]
    [InlineData("resolve INC-99")]
    public async Task An_unknown_key_is_named_with_a_hint(string text)
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        Assert.Equal("There is no incident INC-99. `/incident list` shows the open ones.", await bot.ReplyToAsync(text));
    }

    [Theory]
    [InlineData("ack", "INC-1 is already acknowledged by dana; only a triggered incident can be acknowledged.")]
    [InlineData("severity INC-1 2", "INC-1 is already SEV2.")]
    public async Task A_refused_change_says_why(string text, string expected)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        await bot.ReplyToAsync($"ack {key}");

        Assert.Equal(expected, await bot.ReplyToAsync(text == "ack" ? $"ack {key}" : text));
    }

    [Fact]
    public async Task Changes_to_a_resolved_incident_are_refused_with_the_reason()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        await bot.ReplyToAsync($"resolve {key}");

        Assert.Equal($"{key} is already resolved by dana.", await bot.ReplyToAsync($"resolve {key}"));
        Assert.Equal($"{key} is resolved and cannot be assigned.", await bot.ReplyToAsync($"assign {key} me"));
        Assert.Equal($"{key} is resolved; only a triggered incident can be acknowledged.", await bot.ReplyToAsync($"ack {key}"));
    }
}
