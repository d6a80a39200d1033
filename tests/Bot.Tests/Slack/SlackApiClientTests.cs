using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Tests.Slack;

public sealed class SlackApiClientTests
{
    private static readonly DateTimeOffset s_start = SlackApiHarness.Start;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Posting_a_message_with_blocks_sends_Slack_JSON_with_the_bot_token_and_returns_channel_and_ts()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        Block[] blocks = [new HeaderBlock("SEV2 · checkout-api crash looping"), new DividerBlock()];

        PostedMessage posted = await slack.RunAsync(
            slack.Api.PostMessageAsync(new PostMessageRequest(channel, "SEV2: checkout-api crash looping", blocks), Ct));

        RecordedCall call = Assert.Single(slack.Slack.Calls);
        Assert.Equal("chat.postMessage", call.Method);
        Assert.Equal("Bearer " + SlackStandIn.BotToken, call.Header("Authorization"));
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        AssertJson($$"""
            {
              "channel": "{{channel}}",
              "text": "SEV2: checkout-api crash looping",
              "blocks": [
                { "type": "header", "text": { "type": "plain_text", "text": "SEV2 · checkout-api crash looping", "emoji": true } },
                { "type": "divider" }
              ]
            }
            """, call.Json);
        StandInMessage stored = Assert.Single(slack.Slack.Workspace.Messages(channel));
        Assert.Equal(new PostedMessage(channel, stored.Ts), posted);
        Assert.Matches(@"^\d{10}\.\d{6}$", posted.Ts);
    }

    [Fact]
    public async Task A_reply_in_a_thread_carries_thread_ts()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        PostedMessage parent = await slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "card"), Ct));

        await slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "Acknowledged by <@U0ONCALL1>", ThreadTs: parent.Ts), Ct));

        AssertJson($$"""{ "channel": "{{channel}}", "text": "Acknowledged by <@U0ONCALL1>", "thread_ts": "{{parent.Ts}}" }""", slack.Slack.Calls[1].Json);
    }

    [Fact]
    public async Task Users_info_is_sent_form_encoded_and_reads_the_user()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        slack.Slack.Workspace.AddUser("U0ONCALL1", "dana", "Dana Scully", "Europe/Berlin", "dana@example.com");

        SlackUser user = await slack.RunAsync(slack.Api.GetUserAsync("U0ONCALL1", Ct));

        Assert.Equal(new SlackUser("U0ONCALL1", "dana", "Dana Scully", "Europe/Berlin", IsBot: false, new SlackUserProfile("dana@example.com")), user);
        RecordedCall call = Assert.Single(slack.Slack.Calls);
        Assert.Equal("users.info", call.Method);
        Assert.Equal("application/x-www-form-urlencoded", call.ContentType);
        Assert.Equal("user=U0ONCALL1", Encoding.UTF8.GetString(call.Body));
        Assert.Equal("Bearer " + SlackStandIn.BotToken, call.Header("Authorization"));
    }

    [Fact]
    public async Task Updating_an_unknown_message_throws_message_not_found_after_one_call()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");

        SlackApiException error = await Assert.ThrowsAsync<SlackApiException>(
            () => slack.RunAsync(slack.Api.UpdateMessageAsync(new UpdateMessageRequest(channel, "1772442840.000099", "resolved"), Ct)));

        Assert.Equal(("chat.update", "message_not_found", HttpStatusCode.OK), (error.Method, error.Error, error.StatusCode));
        Assert.False(error.IsRetryable);
        Assert.False(error.OutcomeUnknown);
        RecordedCall call = Assert.Single(slack.Slack.Calls);
        AssertJson($$"""{ "channel": "{{channel}}", "ts": "1772442840.000099", "text": "resolved" }""", call.Json);
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("invalid_auth")]
    [InlineData("not_in_channel")]
    [InlineData("missing_scope")]
    public async Task Errors_that_retrying_cannot_fix_throw_at_once(string code)
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        slack.Slack.InjectFault(SlackFault.Error(code), times: 5);

        SlackApiException error = await Assert.ThrowsAsync<SlackApiException>(
            () => slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "hello"), Ct)));

        Assert.Equal(code, error.Error);
        Assert.False(error.IsRetryable);
        Assert.Single(slack.Slack.Calls);
    }

    [Theory]
    [InlineData("xoxb-someone-else", "invalid_auth")]
    [InlineData(null, "not_authed")]
    public async Task A_wrong_or_missing_token_is_refused_by_Slack_and_not_retried(string? token, string code)
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct, botToken: token);

        SlackApiException error = await Assert.ThrowsAsync<SlackApiException>(() => slack.RunAsync(slack.Api.GetUserAsync("U0ONCALL1", Ct)));

        Assert.Equal(code, error.Error);
        Assert.False(error.IsRetryable);
        Assert.Equal(token is null ? null : "Bearer " + token, Assert.Single(slack.Slack.Calls).Header("Authorization"));
    }

    [Fact]
    public async Task Http_429_waits_for_Retry_After_then_posts_once_more()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        slack.Slack.InjectFault(SlackFault.RateLimited(TimeSpan.FromSeconds(3)));

        PostedMessage posted = await slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "hello"), Ct));

        IReadOnlyList<RecordedCall> calls = slack.Slack.CallsTo("chat.postMessage");
        Assert.Equal(2, calls.Count);
        Assert.Equal(s_start, calls[0].At);
        Assert.Equal(TimeSpan.FromSeconds(3), calls[1].At - calls[0].At);
        Assert.Equal(calls[0].Body, calls[1].Body);
        Assert.Equal(posted.Ts, Assert.Single(slack.Slack.Workspace.Messages(channel)).Ts);
    }

    [Fact]
    public async Task A_429_holds_back_later_calls_of_the_same_method_until_Retry_After_has_passed()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        slack.Slack.InjectFault(SlackFault.RateLimited(TimeSpan.FromSeconds(120)));

        SlackApiException refused = await Assert.ThrowsAsync<SlackApiException>(
            () => slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "first"), Ct)));
        await slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "second"), Ct));

        // Longer than the client waits by itself: the caller gets it back with the time Slack asked for.
        Assert.Equal(("ratelimited", HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(120)), (refused.Error, refused.StatusCode, refused.RetryAfter));
        Assert.True(refused.IsRetryable);
        Assert.False(refused.OutcomeUnknown);
        IReadOnlyList<RecordedCall> calls = slack.Slack.CallsTo("chat.postMessage");
        Assert.Equal([s_start, s_start + TimeSpan.FromSeconds(120)], calls.Select(call => call.At));
    }

    [Fact]
    public async Task Two_server_errors_then_success_updates_the_message_on_the_third_attempt()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        PostedMessage posted = await slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "triggered"), Ct));
        slack.Slack.InjectFault(SlackFault.ServerError(), times: 2, method: "chat.update");

        await slack.RunAsync(slack.Api.UpdateMessageAsync(new UpdateMessageRequest(channel, posted.Ts, "resolved"), Ct));

        IReadOnlyList<RecordedCall> calls = slack.Slack.CallsTo("chat.update");
        Assert.Equal(3, calls.Count);
        Assert.All(calls, call => Assert.Equal(calls[0].Body, call.Body));
        Assert.InRange(calls[1].At - calls[0].At, TimeSpan.Zero, SlackRetries.BaseDelay); // full jitter below 1 s
        Assert.InRange(calls[2].At - calls[1].At, TimeSpan.Zero, 2 * SlackRetries.BaseDelay); // then below 2 s
        Assert.Equal("resolved", slack.Slack.Workspace.Message(channel, posted.Ts)!.Text);
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_after_five_attempts_with_a_retryable_exception()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        slack.Slack.Outage = SlackOutage.ServerErrors;

        SlackApiException error = await Assert.ThrowsAsync<SlackApiException>(
            () => slack.RunAsync(slack.Api.UpdateMessageAsync(new UpdateMessageRequest(channel, "1772442840.000001", "resolved"), Ct)));

        Assert.Equal(("chat.update", "http_500", HttpStatusCode.InternalServerError), (error.Method, error.Error, error.StatusCode));
        Assert.True(error.IsRetryable);
        IReadOnlyList<RecordedCall> calls = slack.Slack.CallsTo("chat.update");
        Assert.Equal(SlackRetries.MaxAttempts, calls.Count);
        Assert.InRange(calls[^1].At - calls[0].At, TimeSpan.Zero, TimeSpan.FromSeconds(1 + 2 + 4 + 8));
    }

    [Fact]
    public async Task While_Slack_drops_every_connection_a_read_gives_up_after_five_attempts()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        slack.Slack.Workspace.AddUser("U0ONCALL1", "dana", "Dana Scully");
        slack.Slack.Outage = SlackOutage.DroppedConnections;

        SlackApiException error = await Assert.ThrowsAsync<SlackApiException>(() => slack.RunAsync(slack.Api.GetUserAsync("U0ONCALL1", Ct)));

        Assert.Equal(("network_error", (HttpStatusCode?)null), (error.Error, error.StatusCode));
        Assert.True(error.IsRetryable);
        Assert.Equal(SlackRetries.MaxAttempts, slack.Slack.CallsTo("users.info").Count);
    }

    [Theory]
    [InlineData("server_error", "http_502")]
    [InlineData("dropped_connection", "network_error")]
    [InlineData("internal_error", "internal_error")]
    public async Task A_post_that_may_have_reached_Slack_is_not_repeated_so_it_cannot_appear_twice(string fault, string code)
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        slack.Slack.InjectFault(
            fault switch
            {
                "server_error" => SlackFault.ServerError(502),
                "dropped_connection" => SlackFault.DroppedConnection(),
                _ => SlackFault.Error(fault),
            },
            times: 5);

        SlackApiException error = await Assert.ThrowsAsync<SlackApiException>(
            () => slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "hello"), Ct)));

        Assert.Equal(code, error.Error);
        Assert.True(error.IsRetryable);
        Assert.True(error.OutcomeUnknown);
        Assert.Single(slack.Slack.Calls);
    }

    [Fact]
    public async Task A_slow_answer_within_the_attempt_timeout_is_awaited_not_repeated()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        slack.Slack.InjectFault(SlackFault.Slow(TimeSpan.FromSeconds(8)), method: "chat.postMessage");

        PostedMessage posted = await slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "triggered"), Ct));

        Assert.Single(slack.Slack.Calls);
        Assert.Equal(posted.Ts, Assert.Single(slack.Slack.Workspace.Messages(channel)).Ts);
        Assert.Equal(s_start + TimeSpan.FromSeconds(8), slack.Clock.GetUtcNow());
    }

    [Fact]
    public async Task An_answer_that_never_comes_times_out_after_ten_seconds_and_chat_update_is_tried_again()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        PostedMessage posted = await slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "triggered"), Ct));
        slack.Slack.InjectFault(SlackFault.NoAnswer(), method: "chat.update");

        Task update = slack.Api.UpdateMessageAsync(new UpdateMessageRequest(channel, posted.Ts, "acknowledged"), Ct);
        await SlackApiHarness.WaitUntilAsync(() => slack.Slack.InFlight == 1, Ct);
        slack.Clock.Advance(SlackAttemptHandler.AttemptTimeout);
        await slack.RunAsync(update);

        IReadOnlyList<RecordedCall> calls = slack.Slack.CallsTo("chat.update");
        Assert.Equal(2, calls.Count);
        Assert.InRange(calls[1].At - calls[0].At, SlackAttemptHandler.AttemptTimeout, SlackAttemptHandler.AttemptTimeout + SlackRetries.BaseDelay);
        Assert.Equal("acknowledged", slack.Slack.Workspace.Message(channel, posted.Ts)!.Text);
    }

    [Fact]
    public async Task A_taken_channel_name_surfaces_as_name_taken_so_the_caller_can_pick_another()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);

        SlackChannel created = await slack.RunAsync(slack.Api.CreateChannelAsync("inc-42-checkout", isPrivate: false, Ct));
        SlackApiException error = await Assert.ThrowsAsync<SlackApiException>(
            () => slack.RunAsync(slack.Api.CreateChannelAsync("inc-42-checkout", isPrivate: false, Ct)));

        Assert.Equal("inc-42-checkout", created.Name);
        Assert.Contains(StandInWorkspace.BotUserId, slack.Slack.Workspace.Channel(created.Id)!.Members);
        Assert.Equal(("conversations.create", "name_taken"), (error.Method, error.Error));
        Assert.False(error.IsRetryable);
        IReadOnlyList<RecordedCall> calls = slack.Slack.CallsTo("conversations.create");
        Assert.Equal(2, calls.Count);
        AssertJson("""{ "name": "inc-42-checkout", "is_private": false }""", calls[1].Json);
    }

    [Fact]
    public async Task Inviting_sends_the_users_comma_separated_with_force_and_counts_already_in_channel_as_success()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        slack.Slack.Workspace.AddUser("U0ONCALL1", "dana", "Dana Scully");
        slack.Slack.Workspace.AddUser("U0ONCALL2", "fox", "Fox Mulder");
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");

        await slack.RunAsync(slack.Api.InviteToChannelAsync(channel, ["U0ONCALL1", "U0ONCALL2"], Ct));
        await slack.RunAsync(slack.Api.InviteToChannelAsync(channel, ["U0ONCALL1"], Ct));

        IReadOnlyList<RecordedCall> calls = slack.Slack.CallsTo("conversations.invite");
        Assert.Equal(2, calls.Count);
        AssertJson($$"""{ "channel": "{{channel}}", "users": "U0ONCALL1,U0ONCALL2", "force": true }""", calls[0].Json);
        Assert.Equal([StandInWorkspace.BotUserId, "U0ONCALL1", "U0ONCALL2"], slack.Slack.Workspace.Channel(channel)!.Members);
    }

    [Fact]
    public async Task Topic_archive_and_direct_messages_send_their_documented_bodies()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        slack.Slack.Workspace.AddUser("U0ONCALL1", "dana", "Dana Scully");
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");

        await slack.RunAsync(slack.Api.SetChannelTopicAsync(channel, "SEV2 · checkout-api · IC <@U0ONCALL1>", Ct));
        await slack.RunAsync(slack.Api.ArchiveChannelAsync(channel, Ct));
        await slack.RunAsync(slack.Api.ArchiveChannelAsync(channel, Ct)); // already_archived counts as done
        string direct = await slack.RunAsync(slack.Api.OpenDirectMessageAsync(["U0ONCALL1"], Ct));
        string again = await slack.RunAsync(slack.Api.OpenDirectMessageAsync(["U0ONCALL1"], Ct));

        IReadOnlyList<RecordedCall> calls = slack.Slack.Calls;
        Assert.Equal(
            ["conversations.setTopic", "conversations.archive", "conversations.archive", "conversations.open", "conversations.open"],
            calls.Select(call => call.Method));
        AssertJson($$"""{ "channel": "{{channel}}", "topic": "SEV2 · checkout-api · IC <@U0ONCALL1>" }""", calls[0].Json);
        AssertJson($$"""{ "channel": "{{channel}}" }""", calls[1].Json);
        AssertJson("""{ "users": "U0ONCALL1" }""", calls[3].Json);
        StandInChannel archived = slack.Slack.Workspace.Channel(channel)!;
        Assert.Equal(("SEV2 · checkout-api · IC <@U0ONCALL1>", true), (archived.Topic, archived.IsArchived));
        Assert.StartsWith("D", direct, StringComparison.Ordinal);
        Assert.Equal(direct, again);
    }

    [Fact]
    public async Task Opening_a_modal_sends_the_view_as_Slack_expects_and_a_trigger_works_once()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string trigger = slack.Slack.Workspace.IssueTriggerId();
        var view = new ModalView(
            "Declare incident",
            "incident_declare",
            [new InputBlock("title", "Title", new PlainTextInputElement("value") { MaxLength = 80 })],
            submit: "Declare",
            close: "Cancel",
            privateMetadata: """{"origin_channel":"C0OPSALRT"}""");

        await slack.RunAsync(slack.Api.OpenViewAsync(trigger, view, Ct));
        SlackApiException reused = await Assert.ThrowsAsync<SlackApiException>(() => slack.RunAsync(slack.Api.OpenViewAsync(trigger, view, Ct)));

        AssertJson($$"""
            {
              "trigger_id": "{{trigger}}",
              "view": {
                "type": "modal",
                "title": { "type": "plain_text", "text": "Declare incident", "emoji": true },
                "submit": { "type": "plain_text", "text": "Declare", "emoji": true },
                "close": { "type": "plain_text", "text": "Cancel", "emoji": true },
                "callback_id": "incident_declare",
                "private_metadata": "{\"origin_channel\":\"C0OPSALRT\"}",
                "blocks": [
                  {
                    "type": "input",
                    "block_id": "title",
                    "label": { "type": "plain_text", "text": "Title", "emoji": true },
                    "element": { "type": "plain_text_input", "action_id": "value", "max_length": 80 }
                  }
                ]
              }
            }
            """, slack.Slack.Calls[0].Json);
        Assert.Equal("exchanged_trigger_id", reused.Error);
        Assert.False(reused.IsRetryable);
    }

    [Fact]
    public async Task Uploading_a_file_gets_an_upload_url_posts_the_exact_bytes_and_shares_the_file_in_the_channel()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        byte[] content = [.. Encoding.UTF8.GetBytes("checkout-api-7d9f: OOMKilled, restarted 12 times\n"), 0x00, 0xFF, 0xFE];

        string fileId = await slack.RunAsync(slack.Api.UploadFileAsync(
            new FileUpload(channel, "checkout-api.log", content) { Title = "checkout-api logs", InitialComment = "Last 100 lines" }, Ct));

        IReadOnlyList<RecordedCall> calls = slack.Slack.Calls;
        Assert.Equal(["files.getUploadURLExternal", "upload", "files.completeUploadExternal"], calls.Select(call => call.Method));
        Assert.Equal("application/x-www-form-urlencoded", calls[0].ContentType);
        Assert.Equal($"filename=checkout-api.log&length={content.Length}", Encoding.UTF8.GetString(calls[0].Body));
        Assert.Equal(content, calls[1].Body);
        Assert.Equal("application/octet-stream", calls[1].ContentType);
        Assert.Null(calls[1].Header("Authorization")); // the upload URL is pre-authorised; the token stays off it
        AssertJson($$"""
            {
              "files": [ { "id": "{{fileId}}", "title": "checkout-api logs" } ],
              "channel_id": "{{channel}}",
              "initial_comment": "Last 100 lines"
            }
            """, calls[2].Json);
        StandInFile file = slack.Slack.Workspace.File(fileId)!;
        Assert.Equal(content, file.Content);
        Assert.True(file.IsCompleted);
        StandInMessage shared = Assert.Single(slack.Slack.Workspace.Messages(channel));
        Assert.Equal(("Last 100 lines", fileId), (shared.Text, Assert.Single(shared.Files)));
    }

    [Fact]
    public async Task Posts_to_one_channel_are_spaced_a_second_apart_while_another_channel_is_not_delayed()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string incident = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        string other = slack.Slack.Workspace.AddChannel("incidents");

        Task<PostedMessage> first = slack.Api.PostMessageAsync(new PostMessageRequest(incident, "first"), Ct);
        Task<PostedMessage> second = slack.Api.PostMessageAsync(new PostMessageRequest(incident, "second"), Ct);
        Task<PostedMessage> elsewhere = slack.Api.PostMessageAsync(new PostMessageRequest(other, "elsewhere"), Ct);

        // The clock stands still until RunAsync moves it: what arrives now was sent without delay.
        await SlackApiHarness.WaitUntilAsync(() => slack.Slack.Calls.Count == 2, Ct);
        IReadOnlyList<RecordedCall> atOnce = slack.Slack.Calls;
        await slack.RunAsync(Task.WhenAll(first, second, elsewhere));

        Assert.Equal(["elsewhere", "first"], atOnce.Select(Text).Order());
        Assert.All(atOnce, call => Assert.Equal(s_start, call.At));
        RecordedCall later = slack.Slack.Calls[2];
        Assert.Equal(("second", s_start + TimeSpan.FromSeconds(1)), (Text(later), later.At));
    }

    [Fact]
    public async Task Retries_and_failures_are_logged_with_method_and_error_but_never_with_the_token()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct);
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");
        slack.Slack.InjectFault(SlackFault.RateLimited(TimeSpan.FromSeconds(2)));

        await slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "hello"), Ct));
        slack.Slack.InjectFault(SlackFault.Error("channel_not_found"));
        await Assert.ThrowsAsync<SlackApiException>(() => slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "again"), Ct)));

        IReadOnlyList<CapturedLog> logs = slack.Logs.Entries;
        Assert.Contains(logs, log => log.EventId == 2101 && log.Message.Contains("chat.postMessage", StringComparison.Ordinal));
        Assert.Contains(logs, log => log.EventId == 2100 && log.Message.Contains("ratelimited", StringComparison.Ordinal));
        Assert.Contains(logs, log => log.EventId == 2103 && log.Message.Contains("channel_not_found", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, log => log.Message.Contains(SlackStandIn.BotToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_base_url_without_a_trailing_slash_still_reaches_the_api_methods()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(
            Ct, baseAddress: api => new Uri(api.AbsoluteUri.TrimEnd('/')));
        string channel = slack.Slack.Workspace.AddChannel("inc-42-checkout");

        await slack.RunAsync(slack.Api.PostMessageAsync(new PostMessageRequest(channel, "hello"), Ct));

        Assert.Equal("chat.postMessage", Assert.Single(slack.Slack.Calls).Method);
    }

    private static string Text(RecordedCall call) => call.Json!["text"]!.GetValue<string>();

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected), actual),
            $"Expected JSON {JsonNode.Parse(expected)!.ToJsonString()}\nbut Slack got {actual?.ToJsonString() ?? "no JSON"}");
}
