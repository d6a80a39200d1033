using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Slack.BlockKit;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Slack.Interactions;

/// <summary>Buttons, menus and the declare form through the real bot: signed payloads in, 200s out, changes in the database.</summary>
public sealed class InteractionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertEmptyOkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_Acknowledge_button_acknowledges_as_the_person_who_pressed_it()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        HttpResponseMessage response = await bot.InteractAsync(InteractionPayloads.ButtonPress(IncidentCardActions.Acknowledge, key.ToString()));
        await bot.WhenIdleAsync();

        await AssertEmptyOkAsync(response);
        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal(Actor.SlackUser(SlackBot.UserId, SlackBot.UserName), incident.Timeline[^1].Actor);
        Assert.Empty(bot.ResponseUrls.Posts);
        Assert.Empty(bot.Slack.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task The_Resolve_button_opens_a_form_with_the_warning_whose_submission_resolves_with_the_note_as_the_presser_once()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await bot.Host.PostWebhookAsync(Payloads.Firing)).StatusCode);
        var key = new IncidentKey(1);
        string title = (await bot.IncidentAsync(key)).Title;
        string trigger = bot.Slack.Workspace.IssueTriggerId();

        await AssertEmptyOkAsync(await bot.InteractAsync(InteractionPayloads.ButtonPress(IncidentCardActions.Resolve, key.ToString(), triggerId: trigger)));
        await bot.WhenIdleAsync();

        Assert.Equal(IncidentStatus.Triggered, (await bot.IncidentAsync(key)).Status);
        RecordedCall open = Assert.Single(bot.Slack.CallsTo("views.open"));
        Assert.Equal(trigger, open.Json?["trigger_id"]?.GetValue<string>());
        SlackJson.Equal(
            $$"""
            {
              "type": "modal",
              "title": { "type": "plain_text", "text": "Resolve INC-1", "emoji": true },
              "callback_id": "incident-resolve-form",
              "blocks": [
                { "type": "section", "text": { "type": "mrkdwn", "text": "*{{title}}* will be marked resolved. 2 alerts are still firing.", "verbatim": true } },
                { "type": "input", "block_id": "outcome", "label": { "type": "plain_text", "text": "Outcome", "emoji": true },
                  "element": { "type": "static_select", "action_id": "value", "options": [
                      { "text": { "type": "plain_text", "text": "Fixed", "emoji": true }, "value": "fixed" },
                      { "text": { "type": "plain_text", "text": "Not actionable (noise)", "emoji": true }, "value": "noise" } ],
                    "initial_option": { "text": { "type": "plain_text", "text": "Fixed", "emoji": true }, "value": "fixed" } } },
                { "type": "input", "block_id": "note", "label": { "type": "plain_text", "text": "Resolution note", "emoji": true },
                  "element": { "type": "plain_text_input", "action_id": "value",
                    "placeholder": { "type": "plain_text", "text": "What fixed it? It goes on the timeline.", "emoji": true },
                    "multiline": true, "max_length": 3000 },
                  "optional": true }
              ],
              "submit": { "type": "plain_text", "text": "Resolve", "emoji": true },
              "close": { "type": "plain_text", "text": "Cancel", "emoji": true },
              "private_metadata": "INC-1 {{SlackBot.UserId}}"
            }
            """,
            Sent(open.Json!["view"]!));

        JsonObject submission = InteractionPayloads.ResolveSubmission($"INC-1 {SlackBot.UserId}", "  rolled back the deploy  ");
        await AssertEmptyOkAsync(await bot.InteractAsync(submission));
        bot.Time.Advance(TimeSpan.FromSeconds(1)); // a second submit, not a replay of the first request
        HttpResponseMessage again = await bot.InteractAsync(submission);

        Incident incident = await bot.IncidentAsync(key);
        TimelineEntry resolved = Assert.Single(incident.Timeline, e => e.Kind == TimelineEntryKind.Resolved);
        Assert.Equal((IncidentStatus.Resolved, "Resolved: rolled back the deploy", Actor.SlackUser(SlackBot.UserId, SlackBot.UserName)),
            (incident.Status, resolved.Text, resolved.Actor));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("""{"response_action":"errors","errors":{"note":"INC-1 is already resolved by dana."}}""", await again.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The view as the bot sent it, without what the stand-in added on opening it.</summary>
    private static JsonObject Sent(JsonNode view)
    {
        JsonObject sent = view.DeepClone().AsObject();
        sent.Remove("id");
        sent.Remove("hash");
        return sent;
    }

    [Fact]
    public async Task A_resolve_form_submitted_with_not_actionable_resolves_the_incident_as_noise_with_the_note_as_why()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        await AssertEmptyOkAsync(await bot.InteractAsync(InteractionPayloads.ResolveSubmission($"{key} {SlackBot.UserId}", "disk alert on a scratch volume", outcome: "noise")));

        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.NotNull(incident.MarkedNoiseAt);
        TimelineEntry noise = Assert.Single(incident.Timeline, e => e.Kind == TimelineEntryKind.MarkedNoise);
        Assert.Equal(("Not actionable (noise): disk alert on a scratch volume", Actor.SlackUser(SlackBot.UserId, SlackBot.UserName)), (noise.Text, noise.Actor));
    }

    [Fact]
    public async Task A_resolve_form_that_cannot_open_says_how_to_resolve_instead_and_one_left_empty_resolves_without_a_note()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        await AssertEmptyOkAsync(await bot.InteractAsync(InteractionPayloads.ButtonPress(
            IncidentCardActions.Resolve, key.ToString(), responseUrl: RecordingResponseUrls.Url, triggerId: "9999.9999.expired")));
        await bot.WhenIdleAsync();
        await AssertEmptyOkAsync(await bot.InteractAsync(InteractionPayloads.ResolveSubmission($"{key} {SlackBot.UserId}", note: null)));

        Assert.Equal([$"I could not open the form (Slack said `invalid_trigger_id`). Resolve with `/incident resolve {key} [note]` instead."], bot.ResponseUrls.Texts);
        Assert.Equal("Resolved", Assert.Single((await bot.IncidentAsync(key)).Timeline, e => e.Kind == TimelineEntryKind.Resolved).Text);
    }

    [Theory]
    [InlineData("INC-1 U0ONCALL1", SlackBot.OtherUserId, "This form was not opened for you: nothing was resolved. Use the card's Resolve button yourself.")]
    [InlineData("INC-1", SlackBot.UserId, "This form was not opened for you: nothing was resolved. Use the card's Resolve button yourself.")]
    [InlineData("INC-1 U0ALICE01", SlackBot.OtherUserId, "Only responders may change incidents here (<@U0ONCALL1>, set in Slack:Responders). Ask one of them.")]
    [InlineData("INC-7 U0ONCALL1", SlackBot.UserId, "There is no incident INC-7.")]
    public async Task A_resolve_form_submitted_by_another_than_its_presser_or_a_non_responder_or_for_no_incident_resolves_nothing(
        string privateMetadata, string user, string error)
    {
        await using SlackBot bot = await SlackBot.StartAsync(new Dictionary<string, string?> { ["Slack:Responders:0"] = SlackBot.UserId });
        IncidentKey key = await bot.DeclareAsync();

        HttpResponseMessage response = await bot.InteractAsync(InteractionPayloads.ResolveSubmission(privateMetadata, "done", user));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { ["note"] = error } }.ToJsonString(),
            JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))?.ToJsonString());
        Assert.Equal(IncidentStatus.Triggered, (await bot.IncidentAsync(key)).Status);
    }

    [Fact]
    public async Task Resolve_typed_while_alerts_fire_warns_as_the_card_does_and_resolves_with_the_note_once_its_typist_confirms()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await bot.Host.PostWebhookAsync(Payloads.Firing)).StatusCode);
        var key = new IncidentKey(1);
        string title = (await bot.IncidentAsync(key)).Title;

        JsonObject? reply = await (await bot.CommandAsync($"resolve {key} rolled back")).Content.ReadFromJsonAsync<JsonObject>(Ct);

        string warning = $"Resolve *{key}*? *{title}* will be marked resolved. 2 alerts are still firing.";
        Assert.Equal((warning, warning), (reply?["text"]?.GetValue<string>(), reply?["blocks"]?[0]?["text"]?["text"]?.GetValue<string>()));
        JsonNode? confirm = reply?["blocks"]?[1]?["elements"]?[0];
        Assert.Equal(IncidentCardActions.ConfirmResolve, confirm?["action_id"]?.GetValue<string>());
        Assert.Equal(IncidentStatus.Triggered, (await bot.IncidentAsync(key)).Status);
        string value = confirm?["value"]?.GetValue<string>() ?? "";

        await AssertEmptyOkAsync(await bot.InteractAsync(InteractionPayloads.ButtonPress(IncidentCardActions.ConfirmResolve, value, user: SlackBot.OtherUserId)));
        await bot.WhenIdleAsync();
        Assert.Equal(IncidentStatus.Triggered, (await bot.IncidentAsync(key)).Status);

        await AssertEmptyOkAsync(await bot.InteractAsync(
            InteractionPayloads.ButtonPress(IncidentCardActions.ConfirmResolve, value, responseUrl: RecordingResponseUrls.Url)));
        await bot.WhenIdleAsync();

        Incident incident = await bot.IncidentAsync(key);
        TimelineEntry resolved = incident.Timeline.Single(e => e.Kind == TimelineEntryKind.Resolved);
        Assert.Equal((IncidentStatus.Resolved, "Resolved: rolled back", SlackBot.UserId), (incident.Status, resolved.Text, resolved.ActorId));
        Assert.Equal([$"✅ Resolved *{key}*: {title}"], bot.ResponseUrls.Texts);
        Assert.Equal(true, bot.ResponseUrls.Posts[0].Body["replace_original"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Cancel_on_the_resolve_warning_leaves_the_incident_open()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        await AssertEmptyOkAsync(await bot.InteractAsync(
            InteractionPayloads.ButtonPress(IncidentCardActions.CancelResolve, key.ToString(), responseUrl: RecordingResponseUrls.Url)));
        await bot.WhenIdleAsync();

        Assert.Equal(IncidentStatus.Triggered, (await bot.IncidentAsync(key)).Status);
        Assert.Equal([$"Cancelled: *{key}* was not resolved."], bot.ResponseUrls.Texts);
    }

    [Fact]
    public async Task Assign_to_me_assigns_the_person_who_pressed_it()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        await AssertEmptyOkAsync(await bot.InteractAsync(InteractionPayloads.ButtonPress(IncidentCardActions.AssignToMe, key.ToString(), user: SlackBot.OtherUserId)));

        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal(SlackBot.OtherUserId, incident.Assignee);
        Assert.Equal(SlackBot.OtherUserId, incident.Timeline[^1].ActorId);
    }

    [Fact]
    public async Task A_severity_from_the_card_menu_changes_the_severity()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        string option = IncidentMenuChoice.ChangeSeverity(key, Severity.Sev1).Value;

        await AssertEmptyOkAsync(await bot.InteractAsync(InteractionPayloads.MenuChoice(IncidentCardActions.Menu, option)));

        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Equal(("Severity changed from SEV2 to SEV1", SlackBot.UserId), (incident.Timeline[^1].Text, incident.Timeline[^1].ActorId));
    }

    [Fact]
    public async Task A_runbook_from_the_card_menu_asks_the_chooser_alone_to_confirm_and_changes_nothing_yet()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        bot.Slack.Workspace.AddUserGroup("oncall", SlackBot.UserId); // the shipped write runbooks are allowed to @oncall
        IncidentKey key = await bot.DeclareAsync();
        string option = IncidentMenuChoice.RunRunbook(key, "restart-deployment").Value;

        await AssertEmptyOkAsync(await bot.InteractAsync(
            InteractionPayloads.MenuChoice(IncidentCardActions.Menu, option, responseUrl: RecordingResponseUrls.Url)));
        await bot.WhenIdleAsync();

        Assert.Equal(["🚫 restart-deployment needs namespace=… (the deployment's namespace); no alert label gave it. Run it as `/runbook run restart-deployment namespace=VALUE`."],
            bot.ResponseUrls.Texts);
        Assert.Equal(false, bot.ResponseUrls.Posts[0].Body["replace_original"]?.GetValue<bool>());
        Assert.Single((await bot.IncidentAsync(key)).Timeline);
    }

    [Fact]
    public async Task Acknowledging_from_a_page_acknowledges_as_the_presser_and_leaves_the_page_to_the_page_lane()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        await AssertEmptyOkAsync(await bot.InteractAsync(
            InteractionPayloads.ButtonPress(IncidentCardActions.AcknowledgeFromPage, key.ToString(), channel: "D0DANA0001", responseUrl: RecordingResponseUrls.Url)));
        await bot.WhenIdleAsync();

        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal((IncidentStatus.Acknowledged, Actor.SlackUser(SlackBot.UserId, SlackBot.UserName)), (incident.Status, incident.AcknowledgedBy));
        Assert.Empty(bot.ResponseUrls.Posts); // the page lane edits every page of the incident (PageDeliveryTests)
    }

    [Fact]
    public async Task A_click_on_a_stale_page_tells_the_presser_who_acknowledged_first_and_when_and_changes_nothing()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        await bot.ReplyToAsync($"ack {key}", user: SlackBot.OtherUserId);

        await bot.InteractAsync(
            InteractionPayloads.ButtonPress(IncidentCardActions.AcknowledgeFromPage, key.ToString(), channel: "D0DANA0001", responseUrl: RecordingResponseUrls.Url));
        await bot.WhenIdleAsync();

        (Uri _, JsonObject body) = Assert.Single(bot.ResponseUrls.Posts);
        Assert.Equal("ephemeral", body["response_type"]?.GetValue<string>());
        Assert.NotEqual(true, body["replace_original"]?.GetValue<bool>());
        Assert.Equal(
            $"*{key}* was already acknowledged by <@{SlackBot.OtherUserId}> at <!date^1772442900^{{date_short_pretty}} {{time}}|2026-03-02 09:15 UTC>.",
            body["text"]?.GetValue<string>());
        Assert.Equal(Actor.SlackUser(SlackBot.OtherUserId, "alice"), (await bot.IncidentAsync(key)).AcknowledgedBy);
    }

    [Fact]
    public async Task A_refused_press_is_told_to_the_presser_through_the_response_url()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        await bot.ReplyToAsync($"resolve {key}");

        HttpResponseMessage response = await bot.InteractAsync(
            InteractionPayloads.ButtonPress(IncidentCardActions.Acknowledge, key.ToString(), responseUrl: RecordingResponseUrls.Url));
        await bot.WhenIdleAsync();

        await AssertEmptyOkAsync(response);
        (Uri _, JsonObject body) = Assert.Single(bot.ResponseUrls.Posts);
        Assert.Equal("ephemeral", body["response_type"]?.GetValue<string>());
        Assert.Equal($"{key} is resolved; only a triggered incident can be acknowledged.", body["text"]?.GetValue<string>());
        Assert.Equal(IncidentStatus.Resolved, (await bot.IncidentAsync(key)).Status);
    }

    [Fact]
    public async Task Without_a_response_url_a_refusal_is_an_ephemeral_message_in_the_channel()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        await bot.ReplyToAsync($"ack {key}");

        await bot.InteractAsync(InteractionPayloads.ButtonPress(IncidentCardActions.Acknowledge, key.ToString(), channel: bot.OpsChannel));
        await bot.WhenIdleAsync();

        RecordedCall ephemeral = Assert.Single(bot.Slack.CallsTo("chat.postEphemeral"));
        Assert.Equal(bot.OpsChannel, ephemeral.Json?["channel"]?.GetValue<string>());
        Assert.Equal(SlackBot.UserId, ephemeral.Json?["user"]?.GetValue<string>());
        Assert.Equal($"{key} is already acknowledged by dana; only a triggered incident can be acknowledged.", ephemeral.Json?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task When_the_response_url_has_expired_the_refusal_goes_out_as_an_ephemeral_message()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        await bot.ReplyToAsync($"resolve {key}");
        bot.ResponseUrls.FailWith = HttpStatusCode.NotFound;

        await bot.InteractAsync(InteractionPayloads.ButtonPress(
            IncidentCardActions.AssignToMe, key.ToString(), channel: bot.OpsChannel, responseUrl: RecordingResponseUrls.Url));
        await bot.WhenIdleAsync();

        Assert.Single(bot.ResponseUrls.Posts);
        Assert.Equal($"{key} is resolved and cannot be assigned.", Assert.Single(bot.Slack.CallsTo("chat.postEphemeral")).Json?["text"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("incident-acknowledge", "INC-banana", "I could not tell which incident that button is for. Try `/incident list`.")]
    [InlineData("incident-menu", "INC-1|severity|SEV9", "I could not tell what that menu choice is for. Try `/incident help`.")]
    public async Task A_press_that_names_no_incident_changes_nothing_and_says_so(string actionId, string value, string expected)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        JsonObject payload = actionId == IncidentCardActions.Menu
            ? InteractionPayloads.MenuChoice(actionId, value, responseUrl: RecordingResponseUrls.Url)
            : InteractionPayloads.ButtonPress(actionId, value, responseUrl: RecordingResponseUrls.Url);

        await AssertEmptyOkAsync(await bot.InteractAsync(payload));
        await bot.WhenIdleAsync();

        Assert.Equal([expected], bot.ResponseUrls.Texts);
        Assert.Single((await bot.IncidentAsync(key)).Timeline);
    }

    [Fact]
    public async Task An_action_the_bot_does_not_know_is_ignored()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        await AssertEmptyOkAsync(await bot.InteractAsync(InteractionPayloads.ButtonPress("open-dashboard", key.ToString(), responseUrl: RecordingResponseUrls.Url)));
        await bot.WhenIdleAsync();

        Assert.Empty(bot.ResponseUrls.Posts);
        Assert.Single((await bot.IncidentAsync(key)).Timeline);
    }

    [Fact]
    public async Task Submitting_the_declare_form_declares_the_incident_and_tells_the_person_where_they_asked()
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        HttpResponseMessage response = await bot.InteractAsync(InteractionPayloads.DeclareSubmission(
            "  Checkout latency above SLO ", "SEV2", service: "checkout-api", description: "p99 over 2s since 09:00", originChannel: bot.OpsChannel));
        await bot.WhenIdleWhileTheClockRunsAsync();

        await AssertEmptyOkAsync(response);
        Incident incident = await bot.IncidentAsync(new IncidentKey(1));
        Assert.Equal(
            ("Checkout latency above SLO", Severity.Sev2, "checkout-api", "p99 over 2s since 09:00", IncidentSource.Manual),
            (incident.Title, incident.Severity, incident.Service, incident.Description, incident.Source));
        Assert.Equal(Actor.SlackUser(SlackBot.UserId, SlackBot.UserName), incident.Timeline[0].Actor);
        Assert.Equal(SlackBot.UserId, incident.Commander);
        IReadOnlyList<RecordedCall> told = bot.Slack.CallsTo("chat.postEphemeral");
        Assert.All(told, call => Assert.Equal((bot.OpsChannel, SlackBot.UserId), (call.Json?["channel"]?.GetValue<string>(), call.Json?["user"]?.GetValue<string>())));
        string channel = (await bot.ChannelsAsync(incident.Key))[incident.Key];
        Assert.Equal(
            ["Declared *INC-1* (SEV2): Checkout latency above SLO. You are its commander; its channel follows here.", $"*INC-1* has its channel: <#{channel}>"],
            told.Select(call => call.Json?["text"]?.GetValue<string>()));
    }

    [Fact]
    public async Task A_form_with_mistakes_stays_open_with_a_message_under_each_wrong_input()
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        HttpResponseMessage response = await bot.InteractAsync(InteractionPayloads.DeclareSubmission(
            "   ", "SEV7", service: new string('s', 101), description: new string('d', 3001), originChannel: bot.OpsChannel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject? answer = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("errors", answer?["response_action"]?.GetValue<string>());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["title"] = "Give the incident a title.",
                ["severity"] = "Choose a severity from SEV1 to SEV4.",
                ["service"] = "Keep the service name to 100 characters.",
                ["description"] = "Keep the description to 3000 characters.",
            },
            answer?["errors"]?.AsObject().ToDictionary(e => e.Key, e => e.Value!.GetValue<string>()));
        Assert.Equal(0, await bot.IncidentCountAsync());
    }

    [Fact]
    public async Task A_form_without_a_severity_asks_for_one()
    {
        await using SlackBot bot = await SlackBot.StartAsync();

        HttpResponseMessage response = await bot.InteractAsync(InteractionPayloads.DeclareSubmission("Checkout down", severity: null));

        JsonObject? answer = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("""{"response_action":"errors","errors":{"severity":"Choose a severity from SEV1 to SEV4."}}""", answer?.ToJsonString());
        Assert.Equal(0, await bot.IncidentCountAsync());
    }

    [Theory]
    [InlineData("shortcut")]
    [InlineData("message_action")]
    [InlineData("view_closed")]
    [InlineData("view_submission")]
    [InlineData("block_suggestion")]
    public async Task Other_interactions_are_answered_200_and_ignored_with_a_log_line(string type)
    {
        var logs = new CapturedLogs();
        await using SlackBot bot = await SlackBot.StartAsync(services: services => services.AddSingleton<ILoggerProvider>(logs));
        IncidentKey key = await bot.DeclareAsync();
        JsonObject payload = InteractionPayloads.OfType(type);
        payload["view"] = new JsonObject { ["id"] = "V0OTHER01", ["callback_id"] = "someone-elses-modal" };

        await AssertEmptyOkAsync(await bot.InteractAsync(payload));
        await bot.WhenIdleAsync();

        Assert.Contains(logs.Entries, entry => entry.EventId == 2261 && entry.Message.Contains(type, StringComparison.Ordinal));
        Assert.Single((await bot.IncidentAsync(key)).Timeline);
        Assert.Empty(bot.ResponseUrls.Posts);
    }
}
