using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Silences;

namespace ChatOpsIncidents.Bot.Maintenance;

/// <summary>
/// What <c>/maintenance add</c> asks for: <c>service=checkout namespace=payments from 2026-12-08 22:00 for 2h "database upgrade"</c>.
/// The matchers are label equalities; the start is a wall-clock time (<c>YYYY-MM-DD HH:MM</c>, <c>HH:MM</c> for its next
/// occurrence, or <c>now</c>) in the person's time zone, read by <see cref="MaintenanceTime"/>; the length as silences take it.
/// </summary>
internal sealed partial record MaintenanceRequest(IReadOnlyList<SilenceMatcher> Matchers, string Start, TimeSpan Length, string Reason)
{
    public const int MaxMatchers = 10;
    public const int MaxReason = 300;
    public const string Usage = "add MATCHERS from TIME for DURATION \"reason\"";

    /// <summary>The request read from <paramref name="text"/>, or why it cannot be read (<paramref name="error"/>).</summary>
    public static MaintenanceRequest? Parse(string text, out string? error)
    {
        Match match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            error = "Say which alerts, from when, for how long and why, such as `service=checkout from 2026-12-08 22:00 for 2h \"database upgrade\"`.";
            return null;
        }
        List<SilenceMatcher> matchers = [];
        foreach (string word in match.Groups["matchers"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Matcher().Match(word) is not { Success: true } equality)
            {
                error = $"“{word}” is not a label matcher: write `name=value`, such as `service=checkout`.";
                return null;
            }
            matchers.Add(new SilenceMatcher(equality.Groups["name"].Value, equality.Groups["value"].Value.Trim('"')));
        }
        if (matchers.Count > MaxMatchers)
        {
            error = $"At most {MaxMatchers} matchers, please.";
            return null;
        }
        if (!SilenceLength.TryParse(match.Groups["length"].Value, out SilenceLength length) || length.UntilResolved)
        {
            error = $"“{match.Groups["length"].Value}” is not a duration: use `30m`, `4h` or `2d` (at most {SilenceLength.Longest.TotalDays:0}d).";
            return null;
        }
        string reason = match.Groups["reason"].Value.Trim().Trim('"', '“', '”').Trim();
        if (reason.Length is 0 or > MaxReason)
        {
            error = reason.Length == 0 ? "Say why, in quotes, after the duration." : $"That reason is too long: {reason.Length} characters, at most {MaxReason}.";
            return null;
        }
        error = null;
        return new MaintenanceRequest(matchers, match.Groups["start"].Value.Trim(), length.Duration, reason);
    }

    /// <summary>As the window's silence comment and list show the matchers: <c>service="checkout", namespace="payments"</c>.</summary>
    public static string Describe(IEnumerable<SilenceMatcher> matchers) =>
        string.Join(", ", matchers.Select(matcher => string.Create(CultureInfo.InvariantCulture, $"{matcher.Name}=\"{matcher.Value}\"")));

    [GeneratedRegex(@"^(?<matchers>.+?)\s+from\s+(?<start>.+?)\s+for\s+(?<length>\S+)(?<reason>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_][a-zA-Z0-9_]{0,127})=(?<value>[^\s=]{1,1024})$")]
    private static partial Regex Matcher();
}
