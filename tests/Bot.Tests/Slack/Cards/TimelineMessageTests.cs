using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slack.Cards;

public sealed class TimelineMessageTests
{
    private static readonly Actor s_dana = Actor.SlackUser("U0ONCALL1", "dana");
    private readonly Incident _incident = CardIncidents.Declared();
    private DateTimeOffset _at = CardIncidents.Start;

    [Fact]
    public void The_opening_gets_no_message_because_the_card_shows_it()
    {
        Assert.Null(TimelineMessage.Render(Assert.Single(_incident.Timeline)));
    }

    [Fact]
    public void Acknowledging_mentions_who_did_it()
    {
        _incident.Acknowledge(s_dana, Next());

        Assert.Equal("👀 <@U0ONCALL1> acknowledged the incident", Latest());
    }

    [Fact]
    public void Assigning_and_changing_the_commander_mention_both_people()
    {
        _incident.Assign("U0ONCALL2", s_dana, Next());
        Assert.Equal("🙋 <@U0ONCALL1> assigned the incident to <@U0ONCALL2>", Latest());

        _incident.SetCommander("U0ONCALL3", s_dana, Next());
        Assert.Equal("🎖️ <@U0ONCALL1> made <@U0ONCALL3> the incident commander", Latest());
    }

    [Fact]
    public void An_escalation_step_mentions_whom_it_pages_where_its_text_names_them()
    {
        _incident.Record(TimelineEntryKind.EscalationStep, Actor.System, Next(), "Escalation step 1 of 2 (sev1): notifying U0ONCALL2; next step in 5 min", ["U0ONCALL2"]);

        Assert.Equal("🚨 Paging <@U0ONCALL2> — Escalation step 1 of 2 (sev1): notifying <@U0ONCALL2>; next step in 5 min", Latest());
    }

    [Fact]
    public void An_assignee_that_is_not_a_user_id_is_escaped_not_mentioned()
    {
        _incident.Assign("<!channel>", Actor.Api("deploy-bot"), Next());

        Assert.Equal("🙋 deploy-bot assigned the incident to &lt;!channel&gt;", Latest());
    }

    [Fact]
    public void Severity_changes_say_from_what_to_what()
    {
        _incident.ChangeSeverity(Severity.Sev1, s_dana, Next());

        Assert.Equal("🎚️ <@U0ONCALL1>: Severity changed from SEV2 to SEV1", Latest());
    }

    [Fact]
    public void Resolving_carries_the_note_escaped_and_on_one_line()
    {
        _incident.Resolve(s_dana, Next(), "rolled back <v2> & purged\ncache");

        Assert.Equal("✅ <@U0ONCALL1> resolved the incident: rolled back &lt;v2&gt; &amp; purged cache", Latest());
    }

    [Fact]
    public void Resolving_without_a_note_says_just_that()
    {
        _incident.Resolve(Actor.Api("ci"), Next(), null);

        Assert.Equal("✅ ci resolved the incident", Latest());
    }

    [Fact]
    public void Alert_changes_auto_resolution_and_reopening_come_from_alertmanager()
    {
        Incident incident = CardIncidents.FromAlerts(42, [CardIncidents.Firing("a", summary: "Pod <a> & friends crash")]);
        Assert.Equal("🔥 Alert firing: Pod &lt;a&gt; &amp; friends crash", TimelineMessage.Render(incident.Timeline[^1]));

        incident.RecordAlertChange(new Core.Alerts.Alert(CardIncidents.Firing("a", summary: "Pod a").Resolved(CardIncidents.Start.AddMinutes(1))), Next());
        Assert.Equal("🟢 Alert resolved: Pod a", TimelineMessage.Render(incident.Timeline[^1]));

        incident.AutoResolve(Next());
        Assert.Equal("✅ All alerts resolved; the incident resolved itself", TimelineMessage.Render(incident.Timeline[^1]));

        incident.Reopen("KubePodCrashLooping fired again", Next());
        Assert.Equal("🔁 Alertmanager reopened the incident: KubePodCrashLooping fired again", TimelineMessage.Render(incident.Timeline[^1]));
    }

    [Fact]
    public void Notes_are_escaped_so_they_cannot_ping_the_channel()
    {
        _incident.AddNote("<!channel> wake up & look at <https://evil.example|this>", s_dana, Next());

        Assert.Equal("📝 <@U0ONCALL1>: &lt;!channel&gt; wake up &amp; look at &lt;https://evil.example|this&gt;", Latest());
    }

    [Fact]
    public void A_note_typed_in_Slack_keeps_its_user_mentions_live_and_only_those()
    {
        _incident.AddNote("ask <@U0ONCALL2> & <@W0GUEST|guest>, not <!here> or <#C0SECRET>", s_dana, Next());

        Assert.Equal("📝 <@U0ONCALL1>: ask <@U0ONCALL2> &amp; <@W0GUEST>, not &lt;!here&gt; or &lt;#C0SECRET&gt;", Latest());
    }

    [Fact]
    public void A_note_from_an_alert_or_the_API_mentions_nobody()
    {
        _incident.AddNote("<@U0BOSS> approved it", Actor.Api("ci", "U0BOSS"), Next());
        Assert.Equal("📝 ci (on behalf of U0BOSS, unverified): &lt;@U0BOSS&gt; approved it", Latest());

        _incident.AddNote("<@U0BOSS> approved it", Actor.Alertmanager, Next());
        Assert.Equal("📝 Alertmanager: &lt;@U0BOSS&gt; approved it", Latest());
    }

    [Fact]
    public void A_long_note_is_cut_to_3000_characters()
    {
        _incident.AddNote(new string('n', 10_000), s_dana, Next());

        string message = Latest()!;
        Assert.Equal(3000, message.Length);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_a_runbook_run_only_its_end_gets_a_line_because_the_progress_message_shows_the_rest()
    {
        _incident.RecordRunbook(TimelineEntryKind.RunbookStarted, s_dana, Next(), "Started runbook restart-deployment on deployment payments/checkout-api");
        Assert.Null(Latest());
        _incident.RecordRunbook(TimelineEntryKind.RunbookStep, s_dana, Next(), "Run 3 step 1/2 “Restart”: done");
        Assert.Null(Latest());

        _incident.RecordRunbook(TimelineEntryKind.RunbookFinished, s_dana, Next(), "Run 3 of runbook restart-deployment failed: <!channel>");

        Assert.Equal("🛠️ Run 3 of runbook restart-deployment failed: &lt;!channel&gt; (started by <@U0ONCALL1>)", Latest());
    }

    private DateTimeOffset Next() => _at = _at.AddMinutes(1);

    private string? Latest() => TimelineMessage.Render(_incident.Timeline[^1]);
}
