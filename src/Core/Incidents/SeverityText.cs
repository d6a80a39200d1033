using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>The "SEV1".."SEV4" spelling people read, and the one parser for every way they type a severity.</summary>
public static partial class SeverityText
{
    public static string ToDisplay(this Severity severity) => $"SEV{(int)severity}";

    /// <summary>Accepts "SEV2", "sev2", "sev 2", "sev-2", "P2" and "2", in any case.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        Match match = WholePattern().Match(text?.Trim() ?? "");
        bool valid = match.Success && match.Groups["level"].Value is ['1' or '2' or '3' or '4'];
        severity = valid ? (Severity)(match.Groups["level"].Value[0] - '0') : default;
        return valid;
    }

    /// <summary>
    /// Splits what reads as a severity ("P1", "SEV1", "sev 2", "sev-9") off the start of <paramref name="text"/>, for
    /// <see cref="TryParse"/> to judge; null when the text does not start with one. A bare number is not taken: a title may start with one.
    /// </summary>
    public static string? SplitLeading(string text, out string rest)
    {
        Match match = LeadingPattern().Match(text);
        rest = match.Success ? text[match.Length..].TrimStart() : text;
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex(@"^(?:(?:sev|p)[\s-]?)?(?<level>\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WholePattern();

    [GeneratedRegex(@"^(?:sev|p)[ -]?\d+(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingPattern();
}
