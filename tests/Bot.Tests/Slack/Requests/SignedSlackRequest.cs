using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsIncidents.Bot.Tests.Slack.Requests;

/// <summary>
/// Requests as Slack signs them (docs/slack.md, "Requests from Slack are signed"), written independently of the bot's
/// verifier and checked against signatures computed outside .NET: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c>.
/// </summary>
public static class SignedSlackRequest
{
    /// <summary>The signing secret of those signatures; the test bots use it too.</summary>
    public const string Secret = "d3c0b5e5a1f24c7f9e0a6b2c4d8e1f37";

    public static string Sign(string secret, string timestamp, string body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        byte[] mac = hmac.ComputeHash(Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexString(mac).ToLowerInvariant();
    }

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>A form (or <paramref name="contentType"/>) POST to <paramref name="path"/> signed at <paramref name="signedAt"/>, with the headers overridable to test refusals.</summary>
    public static HttpRequestMessage Create(
        string path, string body, DateTimeOffset signedAt, string secret = Secret, string? timestamp = null, string? signature = null,
        string contentType = "application/x-www-form-urlencoded")
    {
        string stamp = timestamp ?? Timestamp(signedAt);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", stamp);
        request.Headers.Add("X-Slack-Signature", signature ?? Sign(secret, stamp, body));
        return request;
    }

    /// <summary>An <c>application/x-www-form-urlencoded</c> body, spaces as '+', the way Slack sends it.</summary>
    public static string Form(params (string Name, string? Value)[] fields) => string.Join('&', fields
        .Where(field => field.Value is not null)
        .Select(field => $"{Encode(field.Name)}={Encode(field.Value!)}"));

    private static string Encode(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);
}
