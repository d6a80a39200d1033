using System.Security.Cryptography;
using System.Text;

namespace ChatOpsIncidents.Bot.Grafana;

/// <summary>Grafana's webhook signature: hex(HMAC-SHA256(secret, [timestamp ":"] body)), compared in constant time.</summary>
internal static class GrafanaSignature
{
    public const string Header = "X-Grafana-Alerting-Signature";
    public const string TimestampHeader = "X-Grafana-Alerting-Timestamp";

    /// <summary>Null when <paramref name="signature"/> signs <paramref name="body"/>; otherwise why not.</summary>
    public static string? Problem(string secret, string? signature, string? timestamp, byte[] body)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return $"The delivery is not signed: set the contact point's HMAC secret to Grafana:SigningSecret, so Grafana sends {Header}.";
        }
        byte[] signed = string.IsNullOrEmpty(timestamp) ? body : [.. Encoding.UTF8.GetBytes(timestamp + ":"), .. body];
        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return $"{Header} is not a hex HMAC-SHA256.";
        }
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : $"{Header} does not match the body: check Grafana:SigningSecret.";
    }

    /// <summary>The header value for <paramref name="body"/>, as Grafana computes it.</summary>
    public static string Sign(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
