using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;

namespace ChatOpsIncidents.Bot.Tests.Slack.Interactions;

/// <summary>Interaction payloads shaped like Slack's (docs/slack.md, "Interactions"), reduced to what matters.</summary>
public static class InteractionPayloads
{
    public const string CardChannel = "C0INC0042";

    public static JsonObject ButtonPress(
        string actionId, string value, string user = SlackBot.UserId, string? channel = CardChannel, string? responseUrl = null, string? triggerId = null) =>
        BlockActions(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["block_id"] = "incident-actions",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Acknowledge", ["emoji"] = true },
            ["value"] = value,
            ["action_ts"] = "1772443010.554433",
        }, user, channel, responseUrl, triggerId);

    /// <summary>
    /// <paramref name="user"/> pressing Resolve on the warning <paramref name="warned"/> answered <c>/incident resolve</c> with
    /// while alerts still fire; fails when the answer is no such warning. The answer stays readable.
    /// </summary>
    public static async Task<JsonObject> ConfirmResolveAsync(
        HttpResponseMessage warned, string user, string? channel = CardChannel, string? responseUrl = null)
    {
        JsonNode? reply = JsonNode.Parse(await warned.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        JsonNode? resolve = (reply?["blocks"]?.AsArray() ?? [])
            .SelectMany(block => block?["elements"]?.AsArray() ?? [])
            .SingleOrDefault(element => element?["action_id"]?.GetValue<string>() == IncidentCardActions.ConfirmResolve);
        Assert.True(resolve is not null, $"No Resolve button on the answer: {reply?.ToJsonString()}");
        return ButtonPress(IncidentCardActions.ConfirmResolve, resolve["value"]!.GetValue<string>(), user, channel, responseUrl);
    }

    public static JsonObject MenuChoice(string actionId, string? optionValue, string user = SlackBot.UserId, string? channel = CardChannel, string? responseUrl = null) =>
        BlockActions(new JsonObject
        {
            ["type"] = "overflow",
            ["action_id"] = actionId,
            ["block_id"] = "incident-actions",
            ["selected_option"] = optionValue is null
                ? null
                : new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = optionValue }, ["value"] = optionValue },
            ["action_ts"] = "1772443010.554433",
        }, user, channel, responseUrl, null);

    public static JsonObject DeclareSubmission(string? title, string? severity, string? service = null, string? description = null, string? originChannel = null) =>
        ViewSubmission("incident-declare", originChannel, SlackBot.UserId, new JsonObject
        {
            ["title"] = TextInput(title),
            ["severity"] = StaticSelect(severity),
            ["service"] = TextInput(service),
            ["description"] = TextInput(description),
        });

    /// <summary>
    /// The resolve form submitted by <paramref name="user"/>, carrying the <paramref name="privateMetadata"/> it was opened with,
    /// with the outcome chosen (<c>fixed</c> or <c>noise</c>; null: the state as a form without the choice sent it).
    /// </summary>
    public static JsonObject ResolveSubmission(string? privateMetadata, string? note, string user = SlackBot.UserId, string? outcome = null)
    {
        var values = new JsonObject { ["note"] = TextInput(note) };
        if (outcome is not null)
        {
            values["outcome"] = StaticSelect(outcome);
        }
        return ViewSubmission("incident-resolve-form", privateMetadata, user, values);
    }

    /// <summary>A static select's state in a submitted view, <paramref name="selected"/> chosen (null: cleared).</summary>
    private static JsonObject StaticSelect(string? selected) => new()
    {
        ["value"] = new JsonObject
        {
            ["type"] = "static_select",
            ["selected_option"] = selected is null
                ? null
                : new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = selected }, ["value"] = selected },
        },
    };

    public static JsonObject OfType(string type) => new()
    {
        ["type"] = type,
        ["user"] = User(SlackBot.UserId),
        ["api_app_id"] = "A0CHATOPS",
        ["callback_id"] = "some-shortcut",
        ["trigger_id"] = "1111111111.4444444444.fedcba9876543210fedcba9876543210",
    };

    private static JsonObject ViewSubmission(string callbackId, string? privateMetadata, string user, JsonObject values) => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = "T0INCBOT1", ["domain"] = "acme-ops" },
        ["user"] = User(user),
        ["api_app_id"] = "A0CHATOPS",
        ["token"] = "legacyVerifTok123",
        ["trigger_id"] = "1111111111.3333333333.fedcba9876543210fedcba9876543210",
        ["view"] = new JsonObject
        {
            ["id"] = "V0MODAL01",
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["private_metadata"] = privateMetadata,
            ["blocks"] = new JsonArray(),
            ["state"] = new JsonObject { ["values"] = values },
            ["hash"] = "1772443100.AbCdEf12",
            ["previous_view_id"] = null,
            ["root_view_id"] = "V0MODAL01",
            ["app_id"] = "A0CHATOPS",
            ["external_id"] = "",
            ["bot_id"] = "B0INCBOT1",
            ["clear_on_close"] = false,
            ["notify_on_close"] = false,
        },
        ["response_urls"] = new JsonArray(),
        ["is_enterprise_install"] = false,
        ["enterprise"] = null,
    };

    private static JsonObject TextInput(string? value) => new() { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } };

    private static JsonObject BlockActions(JsonObject action, string user, string? channel, string? responseUrl, string? triggerId) => new()
    {
        ["type"] = "block_actions",
        ["user"] = User(user),
        ["api_app_id"] = "A0CHATOPS",
        ["token"] = "legacyVerifTok123",
        ["container"] = new JsonObject
        {
            ["type"] = "message",
            ["message_ts"] = "1772442900.123400",
            ["channel_id"] = channel,
            ["is_ephemeral"] = false,
        },
        ["trigger_id"] = triggerId ?? "1111111111.2222222222.0123456789abcdef0123456789abcdef",
        ["team"] = new JsonObject { ["id"] = "T0INCBOT1", ["domain"] = "acme-ops" },
        ["enterprise"] = null,
        ["is_enterprise_install"] = false,
        ["channel"] = channel is null ? null : new JsonObject { ["id"] = channel, ["name"] = "inc-42-checkout-latency" },
        ["message"] = new JsonObject
        {
            ["type"] = "message",
            ["text"] = "SEV2: checkout latency",
            ["ts"] = "1772442900.123400",
            ["blocks"] = new JsonArray(new JsonObject { ["type"] = "header", ["block_id"] = "incident-header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "INC-42" } }),
        },
        ["state"] = new JsonObject { ["values"] = new JsonObject() },
        ["response_url"] = responseUrl,
        ["actions"] = new JsonArray(action),
    };

    private static JsonObject User(string id) => new() { ["id"] = id, ["username"] = id == SlackBot.UserId ? "dana" : "alice", ["name"] = "dana", ["team_id"] = "T0INCBOT1" };
}
