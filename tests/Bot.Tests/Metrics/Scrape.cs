using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Bot.Tests.Metrics;

/// <summary>Reads Prometheus text exposition in tests.</summary>
internal static partial class Scrape
{
    /// <summary>The lines of the family <paramref name="name"/>, from its HELP line up to the next family's; empty when absent.</summary>
    public static string Family(string exposition, string name)
    {
        string[] lines = exposition.Split('\n');
        int start = Array.FindIndex(lines, line => line.StartsWith($"# HELP {name} ", StringComparison.Ordinal));
        if (start < 0)
        {
            return "";
        }
        int end = Array.FindIndex(lines, start + 1, line => line.StartsWith("# HELP ", StringComparison.Ordinal));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]).TrimEnd('\n') + "\n";
    }

    /// <summary>Every family named in a TYPE line.</summary>
    public static IReadOnlySet<string> FamilyNames(string exposition) =>
        TypeLine().Matches(exposition).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The value of the sample written exactly as <paramref name="sample"/> (name and labels), or null.</summary>
    public static double? Value(string exposition, string sample)
    {
        string? line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(sample + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^# TYPE (\S+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
