namespace ChatOpsIncidents.Core.OnCall;

/// <summary>Who is on call at a moment, and who is next: pure functions of a schedule and a time.</summary>
public static class OnCallCalculator
{
    /// <summary>The override users when an override covers <paramref name="at"/>; else each layer's current participant.</summary>
    public static IReadOnlyList<string> WhoIsOnCall(OnCallSchedule schedule, DateTimeOffset at)
    {
        List<string> overriding = [.. schedule.Overrides.Where(o => o.From <= at && at < o.To).Select(o => o.User)];
        if (overriding.Count > 0)
        {
            return [.. overriding.Distinct(StringComparer.Ordinal)];
        }
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        DateTime local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        return [.. schedule.Layers.Select(layer => Current(layer, local)).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The first change after <paramref name="at"/> (a handoff, or an override starting or ending), or null when none comes.</summary>
    public static OnCallShift? Next(OnCallSchedule schedule, DateTimeOffset at)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        DateTime local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        IReadOnlyList<string> now = WhoIsOnCall(schedule, at);
        IEnumerable<DateTimeOffset> changes = schedule.Layers
            .Select(layer => ToUtc(NextHandoff(layer, local), zone))
            .Concat(schedule.Overrides.SelectMany(o => new[] { o.From, o.To }))
            .Where(moment => moment > at)
            .Order();
        foreach (DateTimeOffset change in changes)
        {
            IReadOnlyList<string> then = WhoIsOnCall(schedule, change);
            if (!then.SequenceEqual(now))
            {
                return new OnCallShift(change, then);
            }
        }
        return null;
    }

    /// <summary>
    /// The shifts from <paramref name="from"/> to <paramref name="until"/>: who is on call at <paramref name="from"/>, then each
    /// change before <paramref name="until"/>; at most <paramref name="limit"/> of them.
    /// </summary>
    public static IReadOnlyList<OnCallShift> Shifts(OnCallSchedule schedule, DateTimeOffset from, DateTimeOffset until, int limit = 500)
    {
        List<OnCallShift> shifts = [new(from, WhoIsOnCall(schedule, from))];
        while (shifts.Count < limit && Next(schedule, shifts[^1].From) is { } next && next.From < until)
        {
            shifts.Add(next);
        }
        return shifts;
    }

    private static string? Current(OnCallLayer layer, DateTime local)
    {
        DateTime firstHandoff = layer.StartDate.ToDateTime(layer.HandoffTime);
        if (layer.Participants.Length == 0 || local < firstHandoff)
        {
            return null;
        }
        return layer.Participants[Turn(layer, firstHandoff, local) % layer.Participants.Length];
    }

    private static DateTime NextHandoff(OnCallLayer layer, DateTime local)
    {
        DateTime firstHandoff = layer.StartDate.ToDateTime(layer.HandoffTime);
        return local < firstHandoff ? firstHandoff : firstHandoff + ((Turn(layer, firstHandoff, local) + 1) * layer.Turn);
    }

    /// <summary>The number of the turn under way at <paramref name="local"/>, counted in wall-clock time (local times subtract without DST).</summary>
    private static long Turn(OnCallLayer layer, DateTime firstHandoff, DateTime local) => (local - firstHandoff).Ticks / layer.Turn.Ticks;

    /// <summary>A wall-clock time in a DST gap happens when the clocks jump past it; an ambiguous one at its first occurrence.</summary>
    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        DateTime unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(1);
        }
        TimeSpan offset = zone.IsAmbiguousTime(unspecified) ? zone.GetAmbiguousTimeOffsets(unspecified).Max() : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }
}

/// <summary>Who is on call from <see cref="From"/> on.</summary>
public sealed record OnCallShift(DateTimeOffset From, IReadOnlyList<string> Users);
