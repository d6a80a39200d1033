using System.Globalization;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>Durations the way people say them, in at most two units: "45s", "3m 12s", "1h 5m", "2d 3h".</summary>
public static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        TimeSpan d = duration < TimeSpan.Zero ? TimeSpan.Zero : duration;
        return d switch
        {
            { TotalMinutes: < 1 } => Units(d.Seconds, "s", 0, ""),
            { TotalHours: < 1 } => Units(d.Minutes, "m", d.Seconds, "s"),
            { TotalDays: < 1 } => Units(d.Hours, "h", d.Minutes, "m"),
            _ => Units(d.Days, "d", d.Hours, "h"),
        };
    }

    private static string Units(int major, string majorUnit, int minor, string minorUnit) => minor == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{major}{majorUnit}")
        : string.Create(CultureInfo.InvariantCulture, $"{major}{majorUnit} {minor}{minorUnit}");
}
