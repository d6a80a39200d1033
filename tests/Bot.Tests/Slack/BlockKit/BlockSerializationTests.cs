using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Tests.Slack.BlockKit;

/// <summary>Each block and element serializes to the shape of slack.md §e, with nulls left out.</summary>
public sealed class BlockSerializationTests
{
    [Fact]
    public void Header_is_plain_text_with_emoji()
    {
        SlackJson.Equal(
            """{ "type": "header", "text": { "type": "plain_text", "text": "INC-42 · Checkout down", "emoji": true } }""",
            SlackJson.Of(new HeaderBlock("INC-42 · Checkout down")));
    }

    [Fact]
    public void Section_has_text_fields_and_block_id()
    {
        var section = new SectionBlock(
            new MrkdwnText("*KubePodCrashLooping* in `payments`", Verbatim: true),
            [new MrkdwnText("*Status*\nFiring"), new PlainText("critical")])
        {
            BlockId = "inc_summary_v1",
        };

        SlackJson.Equal(
            """
            {
              "type": "section", "block_id": "inc_summary_v1",
              "text": { "type": "mrkdwn", "text": "*KubePodCrashLooping* in `payments`", "verbatim": true },
              "fields": [
                { "type": "mrkdwn", "text": "*Status*\nFiring" },
                { "type": "plain_text", "text": "critical", "emoji": true }
              ]
            }
            """,
            SlackJson.Of(section));
    }

    [Fact]
    public void Section_accessory_is_an_element()
    {
        var section = new SectionBlock(new MrkdwnText("Pods"), accessory: new ButtonElement("diag-pods", "Show", "INC-42"));

        SlackJson.Equal(
            """
            {
              "type": "section",
              "text": { "type": "mrkdwn", "text": "Pods" },
              "accessory": { "type": "button", "action_id": "diag-pods", "text": { "type": "plain_text", "text": "Show", "emoji": true }, "value": "INC-42" }
            }
            """,
            SlackJson.Of(section));
    }

    [Fact]
    public void Context_and_divider()
    {
        SlackJson.Equal(
            """{ "type": "context", "elements": [ { "type": "mrkdwn", "text": "INC-0042 · commander <@U0ONCALL1>" } ] }""",
            SlackJson.Of(new ContextBlock([new MrkdwnText("INC-0042 · commander <@U0ONCALL1>")])));
        SlackJson.Equal("""{ "type": "divider" }""", SlackJson.Of(new DividerBlock()));
    }

    [Fact]
    public void Button_with_style_and_confirm_dialog()
    {
        var button = new ButtonElement("deploy-restart", "Restart deployment", "payments/checkout-api")
        {
            Style = ButtonStyle.Danger,
            Confirm = new ConfirmDialog(
                "Restart checkout-api?", new MrkdwnText("This starts a rolling restart of *payments/checkout-api*."), "Restart", "Cancel")
            {
                Style = ButtonStyle.Danger,
            },
        };

        SlackJson.Equal(
            """
            {
              "type": "button", "action_id": "deploy-restart", "style": "danger",
              "text": { "type": "plain_text", "text": "Restart deployment", "emoji": true }, "value": "payments/checkout-api",
              "confirm": {
                "title": { "type": "plain_text", "text": "Restart checkout-api?", "emoji": true },
                "text": { "type": "mrkdwn", "text": "This starts a rolling restart of *payments/checkout-api*." },
                "confirm": { "type": "plain_text", "text": "Restart", "emoji": true },
                "deny": { "type": "plain_text", "text": "Cancel", "emoji": true },
                "style": "danger"
              }
            }
            """,
            SlackJson.Of(button));
    }

    [Fact]
    public void Actions_with_static_select_of_option_groups_and_overflow()
    {
        var actions = new ActionsBlock(
        [
            new StaticSelectElement("deploy-scale", "Scale to…")
            {
                OptionGroups = [new OptionGroup("Replicas", [new MenuOption("2 replicas", "2"), new MenuOption("4 replicas", "4")])],
            },
            new OverflowElement("incident-more", [new MenuOption("Pod status", "diag_pods"), new MenuOption("Recent logs", "diag_logs")]),
        ]);

        SlackJson.Equal(
            """
            {
              "type": "actions",
              "elements": [
                { "type": "static_select", "action_id": "deploy-scale",
                  "placeholder": { "type": "plain_text", "text": "Scale to…", "emoji": true },
                  "option_groups": [ { "label": { "type": "plain_text", "text": "Replicas", "emoji": true }, "options": [
                    { "text": { "type": "plain_text", "text": "2 replicas", "emoji": true }, "value": "2" },
                    { "text": { "type": "plain_text", "text": "4 replicas", "emoji": true }, "value": "4" } ] } ] },
                { "type": "overflow", "action_id": "incident-more", "options": [
                    { "text": { "type": "plain_text", "text": "Pod status", "emoji": true }, "value": "diag_pods" },
                    { "text": { "type": "plain_text", "text": "Recent logs", "emoji": true }, "value": "diag_logs" } ] }
              ]
            }
            """,
            SlackJson.Of(actions));
    }

    [Fact]
    public void Input_blocks_for_a_modal_match_the_declare_incident_example()
    {
        var title = new InputBlock("title", "Title", new PlainTextInputElement("value") { MaxLength = 80, InitialValue = "checkout latency" });
        var severity = new InputBlock(
            "severity",
            "Severity",
            new StaticSelectElement("value") { Options = [new MenuOption("SEV1", "sev1"), new MenuOption("SEV2", "sev2")] });
        var summary = new InputBlock("summary", "Summary", new PlainTextInputElement("value") { Multiline = true }, optional: true, hint: "What people see");

        SlackJson.Equal(
            """
            { "type": "input", "block_id": "title",
              "label": { "type": "plain_text", "text": "Title", "emoji": true },
              "element": { "type": "plain_text_input", "action_id": "value", "max_length": 80, "initial_value": "checkout latency" } }
            """,
            SlackJson.Of(title));
        SlackJson.Equal(
            """
            { "type": "input", "block_id": "severity",
              "label": { "type": "plain_text", "text": "Severity", "emoji": true },
              "element": { "type": "static_select", "action_id": "value", "options": [
                { "text": { "type": "plain_text", "text": "SEV1", "emoji": true }, "value": "sev1" },
                { "text": { "type": "plain_text", "text": "SEV2", "emoji": true }, "value": "sev2" } ] } }
            """,
            SlackJson.Of(severity));
        SlackJson.Equal(
            """
            { "type": "input", "block_id": "summary", "optional": true,
              "label": { "type": "plain_text", "text": "Summary", "emoji": true },
              "hint": { "type": "plain_text", "text": "What people see", "emoji": true },
              "element": { "type": "plain_text_input", "action_id": "value", "multiline": true } }
            """,
            SlackJson.Of(summary));
    }

    [Fact]
    public void A_message_serializes_its_fallback_text_and_blocks()
    {
        var message = new SlackMessageContent("SEV2: checkout down", [new HeaderBlock("Checkout down"), new DividerBlock()]);

        SlackJson.Equal(
            """
            { "text": "SEV2: checkout down", "blocks": [
              { "type": "header", "text": { "type": "plain_text", "text": "Checkout down", "emoji": true } },
              { "type": "divider" } ] }
            """,
            SlackJson.Node(message));
    }
}
