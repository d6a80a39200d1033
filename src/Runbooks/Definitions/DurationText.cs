using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>Durations as runbooks write them: <c>30s</c>, <c>5m</c>, <c>1h</c>.</summary>
internal static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is null || Pattern().Match(text.Trim()) is not { Success: true } match)
        {
            return false;
        }
        int amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        duration = match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromHours(amount),
        };
        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex("^(?<amount>[0-9]{1,5})(?<unit>[smh])$")]
    private static partial Regex Pattern();
}
