using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Slack.BlockKit;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slack.Cards;

public sealed class IncidentCardTests
{
    private static readonly DateTimeOffset s_now = CardIncidents.Start.AddMinutes(30);

    [Fact]
    public void A_triggered_card_names_the_incident_in_its_header_and_fallback_text()
    {
        JsonObject card = Render(CardIncidents.Declared());

        SlackJson.Equal(
            """{ "type": "header", "text": { "type": "plain_text", "text": "INC-42 · Checkout latency above SLO", "emoji": true } }""",
            CardJson.Blocks(card)[0]);
        Assert.Equal("🟠 SEV2 INC-42 · Checkout latency above SLO — Triggered", (string?)card["text"]);
        Assert.Equal("🟠 *SEV2* · 🚨 *Triggered*", CardJson.SectionTexts(card)[0]);
    }

    [Fact]
    public void While_escalation_runs_the_card_shows_its_next_step_when_and_whom_and_not_once_acknowledged()
    {
        Incident incident = CardIncidents.Declared();
        var next = new EscalationOutlook("sev1", 2, 3, CardIncidents.Start.AddMinutes(5), ["U0LEAD001", "@sre-oncall"]);

        JsonObject triggered = SlackJson.Node(IncidentCard.Render(incident, [], SlackOptions.DefaultCardLabels, s_now, escalation: next));
        incident.Acknowledge(Actor.SlackUser("U0ONCALL1", "dana"), CardIncidents.Start.AddMinutes(2));
        JsonObject acknowledged = SlackJson.Node(IncidentCard.Render(incident, [], SlackOptions.DefaultCardLabels, s_now, escalation: next));

        SlackJson.Equal(
            """
            { "type": "context", "elements": [ { "type": "mrkdwn", "verbatim": true,
              "text": "⏫ Escalation step 2 of 3 (sev1) <!date^1772443147^{date_short_pretty} {time}|2026-03-02 09:19 UTC>: <@U0LEAD001>, @sre-oncall" } ] }
            """,
            CardJson.Blocks(triggered)[2]);
        Assert.DoesNotContain("Escalation", acknowledged.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_triggered_card_offers_acknowledge_resolve_with_confirmation_assign_to_me_and_the_menu()
    {
        JsonObject card = Render(CardIncidents.Declared());

        SlackJson.Equal(
            """
            {
              "type": "actions",
              "elements": [
                { "type": "button", "action_id": "incident-acknowledge", "style": "primary", "value": "INC-42",
                  "text": { "type": "plain_text", "text": "Acknowledge", "emoji": true } },
                { "type": "button", "action_id": "incident-resolve", "style": "danger", "value": "INC-42",
                  "text": { "type": "plain_text", "text": "Resolve", "emoji": true } },
                { "type": "button", "action_id": "incident-assign-to-me", "value": "INC-42",
                  "text": { "type": "plain_text", "text": "Assign to me", "emoji": true } },
                { "type": "static_select", "action_id": "incident-menu",
                  "placeholder": { "type": "plain_text", "text": "More actions", "emoji": true },
                  "option_groups": [ {
                    "label": { "type": "plain_text", "text": "Severity", "emoji": true },
                    "options": [
                      { "text": { "type": "plain_text", "text": "Change severity → SEV1", "emoji": true }, "value": "INC-42|severity|SEV1" },
                      { "text": { "type": "plain_text", "text": "Change severity → SEV3", "emoji": true }, "value": "INC-42|severity|SEV3" },
                      { "text": { "type": "plain_text", "text": "Change severity → SEV4", "emoji": true }, "value": "INC-42|severity|SEV4" } ] } ] }
              ]
            }
            """,
            Assert.Single(CardJson.BlocksOfType(card, "actions")));
    }

    [Fact]
    public void An_acknowledged_card_has_no_acknowledge_button()
    {
        Incident incident = CardIncidents.Declared();
        incident.Acknowledge(Actor.SlackUser("U0ONCALL1"), CardIncidents.Start.AddMinutes(3));

        JsonObject card = Render(incident);

        Assert.Equal(
            [IncidentCardActions.Resolve, IncidentCardActions.AssignToMe, IncidentCardActions.Menu],
            ActionIds(Assert.Single(CardJson.BlocksOfType(card, "actions"))));
    }

    [Fact]
    public void A_resolved_card_has_no_buttons_or_menu()
    {
        Incident incident = CardIncidents.Declared();
        incident.Resolve(Actor.SlackUser("U0ONCALL1"), CardIncidents.Start.AddMinutes(20), null);

        JsonObject card = Render(incident);

        Assert.Empty(CardJson.BlocksOfType(card, "actions"));
        string json = card.ToJsonString();
        Assert.DoesNotContain("\"button\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"static_select\"", json, StringComparison.Ordinal);
        Assert.Equal("🟠 *SEV2* · ✅ *Resolved*", CardJson.SectionTexts(card)[0]);
    }

    [Fact]
    public void The_menu_offers_the_runbooks_that_apply_to_run_or_dry_run_and_leaves_out_an_id_too_long_for_an_option_value()
    {
        RunbookChoice[] runbooks =
        [
            new("restart-deployment", "Restart the deployment"),
            new(new string('r', 70), "Too long to carry"),
        ];

        JsonObject card = SlackJson.Node(IncidentCard.Render(CardIncidents.Declared(), runbooks, SlackOptions.DefaultCardLabels, s_now));

        JsonNode menu = CardJson.BlocksOfType(card, "actions")[0]["elements"]![3]!;
        SlackJson.Equal(
            """
            { "label": { "type": "plain_text", "text": "Runbooks", "emoji": true },
              "options": [ { "text": { "type": "plain_text", "text": "Run runbook: Restart the deployment", "emoji": true },
                             "value": "INC-42|runbook|restart-deployment" },
                           { "text": { "type": "plain_text", "text": "Dry run: Restart the deployment", "emoji": true },
                             "value": "INC-42|dryrun|restart-deployment" } ] }
            """,
            menu["option_groups"]![1]);
    }

    [Fact]
    public void The_fields_show_severity_status_people_and_times_with_durations()
    {
        Incident incident = CardIncidents.Declared(commander: "U0ONCALL1");
        incident.Assign("U0ONCALL2", Actor.SlackUser("U0ONCALL1"), CardIncidents.Start.AddMinutes(1));
        incident.Acknowledge(Actor.SlackUser("U0ONCALL2"), CardIncidents.Start.AddMinutes(3).AddSeconds(20));
        incident.Resolve(Actor.SlackUser("U0ONCALL2"), CardIncidents.Start.AddHours(1).AddMinutes(5), "rolled back");

        JsonObject card = Render(incident);

        string[] fields = [.. CardJson.BlocksOfType(card, "section")[0]["fields"]!.AsArray().Select(field => (string)field!["text"]!)];
        Assert.Equal(
            [
                "*Service*\ncheckout-api",
                "*Commander*\n<@U0ONCALL1>",
                "*Assignee*\n<@U0ONCALL2>",
                $"*Started*\n{CardIncidents.StartDate}",
                "*Acknowledged*\n<!date^1772443047^{date_short_pretty} {time}|2026-03-02 09:17 UTC>\nby <@U0ONCALL2> after 3m 20s",
                "*Resolved*\n<!date^1772446747^{date_short_pretty} {time}|2026-03-02 10:19 UTC>\nby <@U0ONCALL2> after 1h 5m",
            ],
            fields);
    }

    [Fact]
    public void Firing_alerts_come_before_resolved_ones_with_their_labels_and_links()
    {
        Incident incident = CardIncidents.FromAlerts(7,
        [
            CardIncidents.Firing("old").Resolved(CardIncidents.Start.AddMinutes(5)),
            CardIncidents.Firing("b", startsAt: CardIncidents.Start.AddMinutes(2)),
            CardIncidents.Firing("a", extraLabels: new Dictionary<string, string> { ["service"] = "checkout" }),
        ]);

        JsonObject card = Render(incident);

        IReadOnlyList<string> sections = CardJson.SectionTexts(card);
        Assert.Equal("*Alerts* · 2 firing · 1 resolved · <http://alertmanager.example:9093/|Open in Alertmanager>", sections[1]);
        Assert.Equal(
            "🔥 *Pod checkout-api-a is crash looping*\n"
            + "`alertname=KubePodCrashLooping` `severity=critical` `namespace=payments` `service=checkout` `pod=checkout-api-a`\n"
            + $"Firing since {CardIncidents.StartDate} · <http://prometheus.example:9090/graph?g0.expr=up&amp;g0.tab=1|Source>",
            sections[2]);
        Assert.StartsWith("🔥 *Pod checkout-api-b is crash looping*\n", sections[3], StringComparison.Ordinal);
        Assert.StartsWith("✅ *Pod checkout-api-old is crash looping* (resolved)\n", sections[4], StringComparison.Ordinal);
        Assert.Contains("`job=kube-state-metrics`", sections[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Runbook_and_dashboard_annotations_become_link_buttons_firing_alerts_first()
    {
        const string Runbook = "https://runbooks.example/KubePodCrashLooping";
        Incident incident = CardIncidents.FromAlerts(7,
        [
            CardIncidents.Firing("old", extraAnnotations: new Dictionary<string, string> { ["runbook_url"] = "https://runbooks.example/old" })
                .Resolved(CardIncidents.Start.AddMinutes(5)),
            CardIncidents.Firing("a", extraAnnotations: new Dictionary<string, string> { ["runbook_url"] = Runbook, ["dashboard"] = "https://grafana.example/d/pods" }),
            CardIncidents.Firing("b", extraAnnotations: new Dictionary<string, string> { ["runbook_url"] = Runbook, ["dashboard"] = "javascript:alert(1)" }),
        ]);

        JsonObject links = CardJson.BlocksOfType(Render(incident), "actions")[1];

        Assert.Equal(
            [("📖 Runbook", Runbook), ("📖 Runbook 2", "https://runbooks.example/old"), ("📈 Dashboard", "https://grafana.example/d/pods")],
            links["elements"]!.AsArray().Select(button => ((string)button!["text"]!["text"]!, (string)button["url"]!)));
    }

    [Fact]
    public void Label_chips_show_where_the_problem_is_by_default_and_follow_Slack_CardLabels()
    {
        Incident incident = CardIncidents.FromAlerts(7,
        [
            CardIncidents.Firing("d", extraLabels: new Dictionary<string, string>
            {
                ["instance"] = "node-7:9100", ["node"] = "node-7", ["mountpoint"] = "/var", ["device"] = "/dev/sda1", ["cluster"] = "prod-eu",
            }),
        ]);

        string byDefault = CardJson.SectionTexts(Render(incident))[2];
        string configured = CardJson.SectionTexts(SlackJson.Node(IncidentCard.Render(incident, [], ["cluster", "alertname"], s_now)))[2];

        Assert.Contains("`pod=checkout-api-d` `instance=node-7:9100` `node=node-7` `mountpoint=/var` `device=/dev/sda1` `cluster=prod-eu`\n", byDefault, StringComparison.Ordinal);
        Assert.Contains("\n`cluster=prod-eu` `alertname=KubePodCrashLooping`\n", configured, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_alerts_fit_in_50_blocks_with_a_count_of_those_left_out()
    {
        List<AlertSignal> alerts = [.. Enumerable.Range(0, 90).Select(i => CardIncidents.Firing($"f{i:D3}", startsAt: CardIncidents.Start.AddSeconds(i)))];
        alerts.AddRange(Enumerable.Range(0, 10).Select(i => CardIncidents.Firing($"r{i:D3}").Resolved(CardIncidents.Start.AddMinutes(10))));

        JsonObject card = Render(CardIncidents.FromAlerts(42, alerts));

        IReadOnlyList<JsonObject> blocks = CardJson.Blocks(card);
        Assert.InRange(blocks.Count, 1, 50);
        AssertWithinSectionLimits(card);
        Assert.Equal(IncidentCardAlerts.MaxShown, CardJson.SectionTexts(card).Count(text => text.StartsWith("🔥", StringComparison.Ordinal)));
        Assert.Equal("…and 80 more alerts (70 firing, 10 resolved)", (string?)blocks[^2]["elements"]![0]!["text"]);
        Assert.Single(CardJson.BlocksOfType(card, "actions"));
    }

    [Fact]
    public void Huge_annotations_and_labels_are_cut_without_breaking_entities()
    {
        string huge = string.Concat(Enumerable.Repeat("<&> ", 5000));
        var extra = new Dictionary<string, string> { ["description"] = huge };
        List<AlertSignal> alerts = [.. Enumerable.Range(0, 100).Select(i => CardIncidents.Firing(
            $"{i:D3}{huge}", summary: huge, extraLabels: new Dictionary<string, string> { ["deployment"] = huge }, extraAnnotations: extra))];

        JsonObject card = Render(CardIncidents.FromAlerts(42, alerts, title: huge));

        Assert.InRange(CardJson.Blocks(card).Count, 1, 50);
        AssertWithinSectionLimits(card);
        Assert.All(CardJson.MrkdwnTexts(card), text => Assert.Matches("^([^&]|&amp;|&lt;|&gt;)*$", text));
        Assert.InRange(((string)card["text"]!).Length, 1, 4000);
    }

    [Fact]
    public void Untrusted_text_is_escaped_everywhere_and_cannot_ping_or_link()
    {
        const string Title = "<!channel> DB & cache <down>";
        Incident incident = CardIncidents.FromAlerts(42,
        [
            CardIncidents.Firing(
                "x",
                summary: "<@U0BOSS> & <!subteam^S0ALL> look",
                extraLabels: new Dictionary<string, string> { ["pod"] = "<!here>", ["namespace"] = "a`b\nc" },
                extraAnnotations: new Dictionary<string, string> { ["description"] = "<https://evil.example|click me>" },
                generatorUrl: "javascript:alert(1)"),
        ], title: Title);

        JsonObject card = Render(incident);

        Assert.Equal("🔴 SEV1 INC-42 · &lt;!channel&gt; DB &amp; cache &lt;down&gt; — Triggered", (string?)card["text"]);
        // Slack parses nothing in plain text, so the header shows the title as written.
        Assert.Equal($"INC-42 · {Title}", (string?)CardJson.Blocks(card)[0]["text"]!["text"]);
        Assert.All(CardJson.MrkdwnTexts(card), text =>
        {
            Assert.DoesNotContain("<!channel", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<!here", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<!subteam", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@U0BOSS", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil", text, StringComparison.Ordinal);
            Assert.DoesNotContain("javascript:", text, StringComparison.Ordinal);
        });
        Assert.Equal(
            "🔥 *&lt;@U0BOSS&gt; &amp; &lt;!subteam^S0ALL&gt; look*\n"
            + "&lt;https://evil.example|click me&gt;\n"
            + "`alertname=KubePodCrashLooping` `severity=critical` `namespace=a'b c` `job=kube-state-metrics` `pod=&lt;!here&gt;`\n"
            + $"Firing since {CardIncidents.StartDate} · Source",
            CardJson.SectionTexts(card)[2]);
    }

    /// <summary>Issue 17, item 15: severity and status were repeated as fields, and a declared incident showed empty fields and "Declared by hand".</summary>
    [Fact]
    public void A_declared_incident_shows_no_empty_fields_and_who_declared_it()
    {
        Incident incident = Incident.Declare(
            new DeclaredIncident("Checkout is slow", Severity.Sev3, null, null, null), Actor.SlackUser("U0DANA001"), CardIncidents.Start);

        JsonObject card = Render(incident);

        string[] fields = [.. CardJson.BlocksOfType(card, "section")[0]["fields"]!.AsArray().Select(field => ((string)field!["text"]!).Split('\n')[0])];
        Assert.Equal(["*Commander*", "*Assignee*", "*Started*", "*Acknowledged*", "*Resolved*"], fields);
        Assert.StartsWith("Declared by <@U0DANA001> · updated", (string?)CardJson.Blocks(card)[^1]["elements"]![0]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_incident_shows_its_escaped_description_and_no_alerts()
    {
        JsonObject card = Render(CardIncidents.Declared(description: "p99 > 2s since the <deploy> & rollback"));

        Assert.Equal("p99 &gt; 2s since the &lt;deploy&gt; &amp; rollback", CardJson.SectionTexts(card)[1]);
        Assert.Empty(CardJson.BlocksOfType(card, "divider"));
        SlackJson.Equal(
            """
            { "type": "context", "elements": [ { "type": "mrkdwn", "verbatim": true,
              "text": "Declared by <@U0ONCALL1> · updated <!date^1772444647^{date_short_pretty} {time}|2026-03-02 09:44 UTC>" } ] }
            """,
            CardJson.Blocks(card)[^1]);
    }

    [Theory]
    [InlineData(0, "Opened from Alertmanager · updated ")]
    [InlineData(1, "Opened from Alertmanager · fed by 1 event · updated ")]
    [InlineData(12, "Opened from Alertmanager · fed by 12 events · updated ")]
    public void The_footer_says_how_many_events_fed_the_incident(int events, string footer)
    {
        Incident incident = CardIncidents.FromAlerts(42, [CardIncidents.Firing("a")]);

        JsonObject card = SlackJson.Node(IncidentCard.Render(incident, [], SlackOptions.DefaultCardLabels, s_now, events));

        Assert.StartsWith(footer, (string?)CardJson.Blocks(card)[^1]["elements"]![0]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_reopened_incident_says_so_and_can_be_acknowledged_again()
    {
        Incident incident = CardIncidents.FromAlerts(42, [CardIncidents.Firing("a")]);
        incident.Acknowledge(Actor.SlackUser("U0ONCALL1"), CardIncidents.Start.AddMinutes(1));
        incident.AutoResolve(CardIncidents.Start.AddMinutes(2));
        incident.Reopen("KubePodCrashLooping fired again", CardIncidents.Start.AddMinutes(3));

        JsonObject card = Render(incident);

        Assert.StartsWith("Opened from Alertmanager · reopened once · updated ", (string?)CardJson.Blocks(card)[^1]["elements"]![0]!["text"], StringComparison.Ordinal);
        Assert.Equal(IncidentCardActions.Acknowledge, ActionIds(CardJson.BlocksOfType(card, "actions")[0])[0]);
    }

    private static JsonObject Render(Incident incident) => SlackJson.Node(IncidentCard.Render(incident, [], SlackOptions.DefaultCardLabels, s_now));

    private static string[] ActionIds(JsonObject actions) => [.. actions["elements"]!.AsArray().Select(element => (string)element!["action_id"]!)];

    private static void AssertWithinSectionLimits(JsonObject card)
    {
        Assert.InRange(((string)CardJson.Blocks(card)[0]["text"]!["text"]!).Length, 1, 150);
        foreach (JsonObject section in CardJson.BlocksOfType(card, "section"))
        {
            Assert.InRange(((string?)section["text"]?["text"] ?? "").Length, 0, 3000);
            JsonArray fields = section["fields"]?.AsArray() ?? [];
            Assert.InRange(fields.Count, 0, 10);
            Assert.All(fields, field => Assert.InRange(((string)field!["text"]!).Length, 1, 2000));
        }
    }
}
