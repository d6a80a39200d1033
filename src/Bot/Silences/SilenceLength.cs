using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Bot.Silences;

/// <summary>
/// How long a silence lasts, as people type it: <c>30m</c>, <c>4h</c>, <c>2d</c>, or <c>until-resolved</c> (lifted when the
/// incident resolves, and at the latest after <see cref="Longest"/>, since an Alertmanager silence always ends).
/// </summary>
internal readonly partial record struct SilenceLength(TimeSpan Duration, bool UntilResolved)
{
    public const string UntilResolvedWord = "until-resolved";

    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public static SilenceLength For(TimeSpan duration) => new(duration, UntilResolved: false);

    public static SilenceLength UntilIncidentResolved => new(Longest, UntilResolved: true);

    /// <summary>As typed, and as carried in a button or menu value: "4h", "until-resolved".</summary>
    public string Text => UntilResolved ? UntilResolvedWord : Duration switch
    {
        { TotalDays: >= 1 } when Duration.TotalDays % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{Duration.TotalDays:0}d"),
        { TotalHours: >= 1 } when Duration.TotalHours % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{Duration.TotalHours:0}h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Duration.TotalMinutes:0}m"),
    };

    /// <summary>"for 4h" or "until resolved", after "Silence INC-4".</summary>
    public string Describe() => UntilResolved ? "until it is resolved" : $"for {Text}";

    public static bool TryParse(string? text, out SilenceLength length)
    {
        length = default;
        string word = text?.Trim().ToLowerInvariant() ?? "";
        if (word is UntilResolvedWord or "resolved")
        {
            length = UntilIncidentResolved;
            return true;
        }
        if (Pattern().Match(word) is not { Success: true } match)
        {
            return false;
        }
        int amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        TimeSpan duration = match.Groups["unit"].Value switch
        {
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        length = For(duration);
        return duration > TimeSpan.Zero && duration <= Longest;
    }

    [GeneratedRegex("^(?<amount>[0-9]{1,5})(?<unit>[mhd])$")]
    private static partial Regex Pattern();
}
