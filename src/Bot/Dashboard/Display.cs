using System.Globalization;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>How the pages write times and durations: UTC to the minute, durations in their two largest units.</summary>
internal static class Display
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } time ? Time(time) : "";

    public static string Duration(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => $"{Math.Max(0, (int)span.TotalSeconds)} s",
        { TotalHours: < 1 } => $"{span.Minutes} min",
        { TotalDays: < 1 } => $"{span.Hours} h {span.Minutes} min",
        _ => $"{(int)span.TotalDays} d {span.Hours} h",
    };
}
