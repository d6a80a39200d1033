using System.Text;
using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.Slack.Requests;

public sealed class SlackRequestVerifierTests
{
    // A slash command and an interaction as Slack signs them, with signatures computed outside .NET (Python's hmac, checked
    // with openssl dgst -sha256 -hmac) for the secret SignedSlackRequest.Secret.
    private const string CommandTimestamp = "1767225600";
    private const string CommandBody = "token=legacyVerifTok123&team_id=T0INCBOT1&team_domain=acme-ops&channel_id=C0OPSALRT&channel_name=ops-alerts&user_id=U0ONCALL1&user_name=dana&command=%2Fincident&text=declare+sev2+checkout+latency&api_app_id=A0CHATOPS&is_enterprise_install=false&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0INCBOT1%2F1111111111%2FAbCdEfGhIjKlMnOp&trigger_id=1111111111.2222222222.abcdef0123456789abcdef0123456789";
    private const string CommandSignature = "v0=c048466671f1aa42b72974dc81f868424b4cf88d808b211320643831db6ecd9a";
    private const string InteractionTimestamp = "1767225660";
    private const string InteractionBody = "payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22incident_ack%22%2C%22block_id%22%3A%22inc_actions%22%2C%22value%22%3A%22INC-0042%22%7D%5D%7D";
    private const string InteractionSignature = "v0=3cfacd7ca9fefb9e1224e6da79c8e3153e66c37b0f94ddc72e72417d1cdb33ca";

    private static readonly DateTimeOffset s_commandSentAt = DateTimeOffset.FromUnixTimeSeconds(1767225600);

    private static SlackRequestVerifier Verifier(TimeProvider time, string? secret = SignedSlackRequest.Secret) => new(
        Options.Create(new SlackOptions { SigningSecret = secret }), time, NullLogger<SlackRequestVerifier>.Instance);

    private static bool Verify(DateTimeOffset now, string? timestamp, string? signature, string body, string? secret = SignedSlackRequest.Secret) =>
        Verifier(new ManualTimeProvider(now), secret).IsAuthentic(timestamp, signature, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_test_signer_reproduces_the_reference_slash_command_signature()
    {
        Assert.Equal(408, Encoding.UTF8.GetByteCount(CommandBody));
        Assert.Equal(CommandSignature, SignedSlackRequest.Sign(SignedSlackRequest.Secret, CommandTimestamp, CommandBody));
    }

    [Fact]
    public void The_test_signer_reproduces_the_reference_interaction_signature() =>
        Assert.Equal(InteractionSignature, SignedSlackRequest.Sign(SignedSlackRequest.Secret, InteractionTimestamp, InteractionBody));

    [Fact]
    public void The_bot_signs_the_reference_vectors_the_same_way() => Assert.Equal(
        [CommandSignature, InteractionSignature],
        [
            SlackRequestVerifier.Sign(SignedSlackRequest.Secret, CommandTimestamp, Encoding.UTF8.GetBytes(CommandBody)),
            SlackRequestVerifier.Sign(SignedSlackRequest.Secret, InteractionTimestamp, Encoding.UTF8.GetBytes(InteractionBody)),
        ]);

    [Theory]
    [InlineData(CommandTimestamp, CommandSignature, CommandBody)]
    [InlineData(InteractionTimestamp, InteractionSignature, InteractionBody)]
    public void Both_reference_requests_are_authentic_when_they_arrive(string timestamp, string signature, string body) =>
        Assert.True(Verify(DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)), timestamp, signature, body));

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void A_request_up_to_five_minutes_old_or_early_is_authentic(int skewSeconds) =>
        Assert.True(Verify(s_commandSentAt.AddSeconds(skewSeconds), CommandTimestamp, CommandSignature, CommandBody));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void A_request_more_than_five_minutes_old_or_early_is_refused(int skewSeconds) =>
        Assert.False(Verify(s_commandSentAt.AddSeconds(skewSeconds), CommandTimestamp, CommandSignature, CommandBody));

    [Fact]
    public void The_signature_of_one_timestamp_does_not_cover_the_next() =>
        Assert.False(Verify(s_commandSentAt, "1767225601", CommandSignature, CommandBody));

    [Fact]
    public void An_unknown_signature_version_is_refused_even_with_the_right_digest() =>
        Assert.False(Verify(s_commandSentAt, CommandTimestamp, "v1=" + CommandSignature[3..], CommandBody));

    [Fact]
    public void A_body_reencoded_in_transit_is_refused() =>
        Assert.False(Verify(s_commandSentAt, CommandTimestamp, CommandSignature, CommandBody.Replace("declare+sev2", "declare%20sev2", StringComparison.Ordinal)));

    [Theory]
    [InlineData(null, CommandSignature)]
    [InlineData("", CommandSignature)]
    [InlineData("1767225600.5", CommandSignature)]
    [InlineData("-1767225600", CommandSignature)]
    [InlineData(CommandTimestamp, null)]
    [InlineData(CommandTimestamp, "")]
    [InlineData(CommandTimestamp, "v0=")]
    [InlineData(CommandTimestamp, "c048466671f1aa42b72974dc81f868424b4cf88d808b211320643831db6ecd9a")]
    [InlineData(CommandTimestamp, "V0=c048466671f1aa42b72974dc81f868424b4cf88d808b211320643831db6ecd9a")]
    [InlineData(CommandTimestamp, "v0=C048466671F1AA42B72974DC81F868424B4CF88D808B211320643831DB6ECD9A")]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature) =>
        Assert.False(Verify(s_commandSentAt, timestamp, signature, CommandBody));

    [Fact]
    public void Another_secret_does_not_verify() =>
        Assert.False(Verify(s_commandSentAt, CommandTimestamp, CommandSignature, CommandBody, secret: "another-secret"));

    [Fact]
    public void Without_a_signing_secret_nothing_is_authentic() =>
        Assert.False(Verify(s_commandSentAt, CommandTimestamp, CommandSignature, CommandBody, secret: null));
}
