using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// Incident channel names, "&lt;prefix&gt;-&lt;n&gt;-&lt;slug of the topic&gt;", within Slack's rules: lowercase letters,
/// digits, '-' and '_', at most 80 characters, cut between words. The topic of an incident opened by alerts is its alert
/// name and service (<c>inc-7-kube-pod-crash-looping-checkout-api</c>), which stay short and say what fires where; a
/// declared incident's is its title.
/// </summary>
internal static partial class IncidentChannelName
{
    public const int MaxLength = 80;

    public static string For(string prefix, Incident incident) => For(prefix, incident.Key, Topic(incident));

    private static string Topic(Incident incident)
    {
        string? alertName = incident.CommonLabels.GetValueOrDefault("alertname")
            ?? incident.Alerts.OrderBy(alert => alert.StartsAt).Select(alert => alert.AlertName).FirstOrDefault(name => name is not null);
        if (incident.Source != IncidentSource.Alertmanager || alertName is null)
        {
            return incident.Title;
        }
        return $"{CamelCaseBoundary().Replace(alertName, " ")} {incident.Service}";
    }

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

    /// <summary>
    /// Cuts at the last word boundary that fits, unless that would drop more than half of what fits (one very long word):
    /// then at the limit.
    /// </summary>
    private static string Fit(string name, int maxLength)
    {
        if (name.Length <= maxLength)
        {
            return name;
        }
        int boundary = name.LastIndexOf('-', maxLength);
        return (boundary >= maxLength / 2 ? name[..boundary] : name[..maxLength]).TrimEnd('-');
    }

    /// <summary>Between a lower-case letter or digit and an upper-case one: "KubePodCrashLooping" → "Kube Pod Crash Looping".</summary>
    [GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex CamelCaseBoundary();

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
