using System.Globalization;

namespace ChatOpsIncidents.Bot.Maintenance;

/// <summary>
/// Wall-clock times in a person's time zone (Slack's <c>tz</c>, an IANA id; UTC when Slack gives none): read as a start,
/// and shown back with the zone's name and in UTC, so nobody has to guess which 22:00 was meant.
/// </summary>
internal sealed class MaintenanceTime(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public static MaintenanceTime For(string? ianaZone) =>
        new(ianaZone is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(ianaZone, out TimeZoneInfo? found) ? found : TimeZoneInfo.Utc);

    /// <summary>
    /// <c>now</c>, <c>YYYY-MM-DD HH:MM</c> or <c>HH:MM</c> (today, or tomorrow once it has passed) in the zone, as UTC; null with
    /// <paramref name="error"/> when it is none of them, does not exist there (the hour a clock skips) or has passed.
    /// </summary>
    public DateTimeOffset? Read(string text, DateTimeOffset now, out string? error)
    {
        error = null;
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return now;
        }
        DateTime localNow = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        DateTime local;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime dated))
        {
            local = dated;
        }
        else if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time))
        {
            local = localNow.Date + time.ToTimeSpan();
            local = local <= localNow ? local.AddDays(1) : local;
        }
        else
        {
            error = $"“{text}” is not a time: write `now`, `2026-12-08 22:00` or `22:00`, in your time zone ({zone.Id}).";
            return null;
        }
        if (zone.IsInvalidTime(local))
        {
            error = $"{local:yyyy-MM-dd HH:mm} does not exist in {zone.Id}: the clocks skip it.";
            return null;
        }
        var start = new DateTimeOffset(local, zone.GetUtcOffset(local));
        if (start < now)
        {
            error = $"{Show(start)} has passed.";
            return null;
        }
        return start.ToUniversalTime();
    }

    /// <summary>"Tue 2026-12-08 22:00 Europe/Berlin (21:00 UTC)".</summary>
    public string Show(DateTimeOffset at)
    {
        DateTimeOffset local = TimeZoneInfo.ConvertTime(at, zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local:ddd yyyy-MM-dd HH:mm} {zone.Id} ({at.UtcDateTime:HH:mm} UTC)");
    }
}
