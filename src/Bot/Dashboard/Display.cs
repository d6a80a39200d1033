using System.Globalization;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>How the pages write times and durations: UTC to the minute, durations in their two largest units.</summary>
internal static class Display
{
    /// <summary>How many colours site.css has (<c>colour-0</c>…), for the series of a chart and the teams of a schedule.</summary>
    public const int Colours = 6;

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } time ? Time(time) : "";

    /// <summary>An SVG coordinate or length, with a dot and two decimals at most.</summary>
    public static string Svg(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A measured amount, to one decimal.</summary>
    public static string Amount(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => $"{Math.Max(0, (int)span.TotalSeconds)} s",
        { TotalHours: < 1 } => $"{span.Minutes} min",
        { TotalDays: < 1 } => $"{span.Hours} h {span.Minutes} min",
        _ => $"{(int)span.TotalDays} d {span.Hours} h",
    };
}
