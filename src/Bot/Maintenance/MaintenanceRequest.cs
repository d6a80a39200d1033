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
    public const int MaxLabelValue = 1024;
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
        string reason = match.Groups["reason"].Value.Trim().Trim('"', '“', '”').Trim();
        return Create(matchers, match.Groups["start"].Value.Trim(), match.Groups["length"].Value, reason, out error);
    }

    /// <summary>
    /// The request from its parts, as <c>/maintenance add</c> and <c>POST /api/maintenance</c> give them, or why it cannot be
    /// made (<paramref name="error"/>): 1 to <see cref="MaxMatchers"/> label equalities with a value, a length as silences take
    /// it (at most <see cref="SilenceLength.Longest"/>), a reason of at most <see cref="MaxReason"/> characters.
    /// </summary>
    public static MaintenanceRequest? Create(IReadOnlyList<SilenceMatcher> matchers, string start, string length, string reason, out string? error)
    {
        string? lengthError = LengthError(length, out TimeSpan duration);
        error = MatchersError(matchers) ?? lengthError ?? ReasonError(reason);
        return error is null ? new MaintenanceRequest(matchers, start, duration, reason) : null;
    }

    /// <summary>As the window's silence comment and list show the matchers: <c>service="checkout", namespace="payments"</c>.</summary>
    public static string Describe(IEnumerable<SilenceMatcher> matchers) =>
        string.Join(", ", matchers.Select(matcher => string.Create(CultureInfo.InvariantCulture, $"{matcher.Name}=\"{matcher.Value}\"")));

    [GeneratedRegex(@"^(?<matchers>.+?)\s+from\s+(?<start>.+?)\s+for\s+(?<length>\S+)(?<reason>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Shape();

    private static string? MatchersError(IReadOnlyList<SilenceMatcher> matchers) => matchers.Count switch
    {
        0 => "Say which alerts: at least one label matcher, such as service=checkout.",
        > MaxMatchers => $"At most {MaxMatchers} matchers, please.",
        _ => matchers.Select(MatcherError).FirstOrDefault(error => error is not null),
    };

    /// <summary>Why Alertmanager would not take <paramref name="matcher"/> as a label equality; null when it would.</summary>
    private static string? MatcherError(SilenceMatcher matcher) =>
        !LabelName().IsMatch(matcher.Name) ? $"“{matcher.Name}” is not a label name: letters, digits and _, not starting with a digit, at most 128."
        : matcher.Value.Length is 0 or > MaxLabelValue ? $"The value of “{matcher.Name}” must be 1 to {MaxLabelValue} characters, was {matcher.Value.Length}."
        : null;

    private static string? LengthError(string length, out TimeSpan duration)
    {
        bool read = SilenceLength.TryParse(length, out SilenceLength parsed) && !parsed.UntilResolved;
        duration = parsed.Duration;
        return read ? null : $"“{length}” is not a duration: use `30m`, `4h` or `2d` (at most {SilenceLength.Longest.TotalDays:0}d).";
    }

    private static string? ReasonError(string reason) => reason.Length switch
    {
        0 => "Say why: a reason, such as \"database upgrade\".",
        > MaxReason => $"That reason is too long: {reason.Length} characters, at most {MaxReason}.",
        _ => null,
    };

    [GeneratedRegex(@"^(?<name>[a-zA-Z_][a-zA-Z0-9_]{0,127})=(?<value>[^\s=]{1,1024})$")]
    private static partial Regex Matcher();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]{0,127}$")]
    private static partial Regex LabelName();
}
