using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>What alerts carry, brought within <see cref="TextLimits"/>: cut with a marker, never refused, so no alert is lost.</summary>
internal static class AlertText
{
    /// <summary>
    /// Names cut to <see cref="TextLimits.LabelName"/> and values to <paramref name="valueLimit"/>; the same map when all fit.
    /// Two names that are the same once cut keep the first one's value.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Bounded(IReadOnlyDictionary<string, string> pairs, int valueLimit)
    {
        if (pairs.All(pair => pair.Key.Length <= TextLimits.LabelName && pair.Value.Length <= valueLimit))
        {
            return pairs;
        }
        var bounded = new Dictionary<string, string>(pairs.Count, StringComparer.Ordinal);
        foreach ((string name, string value) in pairs)
        {
            bounded.TryAdd(TextLimits.Cut(name, TextLimits.LabelName), TextLimits.Cut(value, valueLimit));
        }
        return bounded;
    }

    /// <summary>The URL, or null when it is longer than <see cref="TextLimits.Url"/>: cut short, it would lead somewhere else.</summary>
    public static string? BoundedUrl(string? url) => url?.Length > TextLimits.Url ? null : url;
}
