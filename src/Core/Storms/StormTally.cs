using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Storms;

/// <summary>How many incidents a storm gathered, by severity and by the value of Storms:CorrelationLabel, the most frequent first.</summary>
public sealed record StormTally(int Count, IReadOnlyList<(Severity Severity, int Count)> BySeverity, IReadOnlyList<(string Value, int Count)> ByCorrelation)
{
    /// <summary>Most label values told by name; the rest are counted together.</summary>
    public const int MaxValuesNamed = 10;

    /// <summary>What incidents without the correlation label are counted as.</summary>
    public const string NoValue = "(none)";

    public static StormTally Of(IReadOnlyList<StormMember> members) => new(
        members.Count,
        [.. members.GroupBy(m => m.Severity).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))],
        [.. members.GroupBy(m => m.Correlation ?? NoValue, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)]);

    /// <summary>"SEV1 1 · SEV3 20 · SEV4 16".</summary>
    public string SeverityText => string.Join(" · ", BySeverity.Select(s => $"{s.Severity.ToDisplay()} {s.Count}"));

    /// <summary>"HighCPU 30 · DiskFull 7 · 4 others 9", at most <see cref="MaxValuesNamed"/> values by name.</summary>
    public string CorrelationText
    {
        get
        {
            IEnumerable<string> named = ByCorrelation.Take(MaxValuesNamed).Select(v => $"{v.Value} {v.Count}");
            int others = ByCorrelation.Count - MaxValuesNamed;
            return string.Join(" · ", others > 0 ? named.Append($"{others} others {ByCorrelation.Skip(MaxValuesNamed).Sum(v => v.Count)}") : named);
        }
    }

    /// <summary>"37 incidents attached (SEV1 1 · SEV3 36); by alertname: HighCPU 30 · DiskFull 7".</summary>
    public string Describe(string correlationLabel) => Count == 0
        ? "no incidents attached"
        : $"{Count} incident{(Count == 1 ? "" : "s")} attached ({SeverityText}); by {correlationLabel}: {CorrelationText}";
}
