namespace ChatOpsIncidents.Core.Metrics;

/// <summary>
/// Label values as the metrics export them: at most <see cref="MaxLength"/> characters of printable ASCII, any other
/// character replaced by "_". Some values come from alerts and API input (service), and a scrape repeats a label value on
/// every line of its series (a histogram has one line per bucket), so an unbounded value would inflate every scrape.
/// </summary>
public static class MetricLabel
{
    public const int MaxLength = 100;

    public static string Bound(string value)
    {
        ReadOnlySpan<char> kept = value.AsSpan(0, Math.Min(value.Length, MaxLength));
        if (kept.Length == value.Length && !kept.ContainsAnyExceptInRange(' ', '~'))
        {
            return value;
        }
        return string.Create(kept.Length, value, (bounded, source) =>
        {
            for (int i = 0; i < bounded.Length; i++)
            {
                bounded[i] = source[i] is >= ' ' and <= '~' ? source[i] : '_';
            }
        });
    }
}
