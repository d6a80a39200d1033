using System.Globalization;
using System.Text;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// Incident channel names, "&lt;prefix&gt;-&lt;n&gt;-&lt;slug of the title&gt;", within Slack's rules: lowercase letters,
/// digits, '-' and '_', at most 80 characters.
/// </summary>
internal static class IncidentChannelName
{
    public const int MaxLength = 80;

    /// <summary>"inc-42-checkout-latency-above-slo"; accents are dropped ("Café" → "cafe"), other characters become one '-'.</summary>
    public static string For(string prefix, IncidentKey key, string title)
    {
        string head = string.Create(CultureInfo.InvariantCulture, $"{Slug(prefix)}-{key.Number}");
        string slug = Slug(title);
        return slug.Length == 0 ? head : Fit($"{head}-{slug}", MaxLength);
    }

    /// <summary>
    /// The name to try after Slack answered <c>name_taken</c>: attempt 2 gives "&lt;name&gt;-2", attempt 3 "&lt;name&gt;-3";
    /// the name is shortened so that the result still fits in 80 characters.
    /// </summary>
    public static string WithSuffix(string name, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 2);
        string suffix = string.Create(CultureInfo.InvariantCulture, $"-{attempt}");
        return Fit(name, MaxLength - suffix.Length) + suffix;
    }

    private static string Fit(string name, int maxLength) => name.Length <= maxLength ? name : name[..maxLength].TrimEnd('-');

    private static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            char lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            {
                slug.Append(lower);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        return slug.ToString().TrimEnd('-');
    }
}
