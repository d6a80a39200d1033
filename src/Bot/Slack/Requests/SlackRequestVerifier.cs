using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// Checks that a request came from Slack (docs/slack.md, "Requests from Slack are signed"): <c>v0=</c> HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c>
/// with the signing secret, a timestamp within five minutes of now in either direction, compared in constant time.
/// Other signature versions are refused. Reasons are logged, never the signature or the body.
/// </summary>
internal sealed partial class SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackRequestVerifier> logger)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    private const long MaxSkewSeconds = 5 * 60;
    private const string Version = "v0";

    public bool IsAuthentic(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (!CanBeAuthentic(timestamp, signature))
        {
            return false;
        }
        byte[] expected = Encoding.ASCII.GetBytes(Sign(options.Value.SigningSecret!, timestamp!, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature!)) || Reject("signature mismatch");
    }

    /// <summary>
    /// The checks that need no body: a secret to check with, a timestamp within the window, a <c>v0</c> signature. A request
    /// failing them is refused before its body is read.
    /// </summary>
    public bool CanBeAuthentic(string? timestamp, string? signature)
    {
        if (string.IsNullOrEmpty(options.Value.SigningSecret))
        {
            return Reject("no signing secret is configured");
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long sentAt))
        {
            return Reject("missing or malformed timestamp");
        }
        if (time.GetUtcNow().ToUnixTimeSeconds() - sentAt is < -MaxSkewSeconds or > MaxSkewSeconds)
        {
            return Reject("timestamp more than five minutes away from now");
        }
        if (string.IsNullOrEmpty(signature))
        {
            return Reject("missing signature");
        }
        return signature.StartsWith(Version + "=", StringComparison.Ordinal) || Reject("unknown signature version");
    }

    /// <summary>When Slack signed a request, from a timestamp <see cref="CanBeAuthentic"/> accepted.</summary>
    public static DateTimeOffset SignedAt(string timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>The <c>X-Slack-Signature</c> Slack sends for this timestamp and body.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return Version + "=" + Convert.ToHexStringLower(mac);
    }

    private bool Reject(string reason)
    {
        LogRejected(logger, reason);
        return false;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Rejected Slack request: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
