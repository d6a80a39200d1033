using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks.Execution.Redaction;

/// <summary>
/// Takes secrets out of what a run gathers (logs, events, answers) before it leaves the bot: the values of assignments to
/// names ending in <c>password</c>, <c>secret</c>, <c>token</c>, <c>api_key</c> and the like (a name that only contains one,
/// such as the pod <c>billing-secrets-…</c>, is left alone); <c>Authorization</c> headers and bearer
/// tokens; JWTs; PEM private keys; AWS access key ids; Slack tokens; passwords in URLs; and whatever
/// <c>Runbooks:RedactPatterns</c> adds. Each becomes <see cref="Marker"/>.
/// </summary>
public sealed partial class GatheredOutputRedactor(IOptions<RunbookOptions> options)
{
    public const string Marker = "[redacted]";

    private readonly IReadOnlyList<Regex> _extra = [.. options.Value.RedactPatterns.Select(Extra)];

    /// <summary>The text without its secrets, and how many were taken out.</summary>
    public (string Text, int Redacted) Redact(string text)
    {
        int redacted = 0;
        string Count(string replacement)
        {
            redacted++;
            return replacement;
        }
        text = PemPrivateKey().Replace(text, match => Count($"-----BEGIN {match.Groups["kind"].Value}PRIVATE KEY-----{Marker}-----END {match.Groups["kind"].Value}PRIVATE KEY-----"));
        text = AuthorizationHeader().Replace(text, match => Count(match.Groups["name"].Value + Marker));
        text = BearerToken().Replace(text, match => Count(match.Groups["scheme"].Value + Marker));
        text = Jwt().Replace(text, _ => Count(Marker));
        text = AwsAccessKey().Replace(text, _ => Count(Marker));
        text = SlackToken().Replace(text, _ => Count(Marker));
        text = UrlPassword().Replace(text, match => Count(match.Groups["user"].Value + Marker + "@"));
        text = SecretAssignment().Replace(text, match => match.Groups["value"].Value == Marker ? match.Value : Count(match.Groups["name"].Value + Marker));
        foreach (Regex pattern in _extra)
        {
            text = pattern.Replace(text, _ => Count(Marker));
        }
        return (text, redacted);
    }

    /// <summary>A pattern of <c>Runbooks:RedactPatterns</c>: the whole match is taken out.</summary>
    internal static Regex Extra(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"-----BEGIN (?<kind>[A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?-----END \k<kind>PRIVATE KEY-----")]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"(?<name>\b(?:proxy-)?authorization[""']?\s*[:=]\s*)[^\r\n]+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"(?<scheme>\bbearer\s+)(?!\[redacted\])[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"\bx(?:ox[abposre]|app)-[A-Za-z0-9-]{8,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"(?<user>\b[a-z][a-z0-9+.-]*://[^\s:/@]+:)[^\s@/]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(
        @"(?<name>(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[""']?\s*[:=]\s*)(?<value>""[^""\r\n]*""|'[^'\r\n]*'|[^\s,;&""']+)",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignment();
}
