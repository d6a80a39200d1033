using System.Globalization;
using ChatOpsIncidents.Core.OnCall;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// One schedule's coming shifts laid out for an SVG <see cref="Width"/> units wide: one bar per shift, placed by time, the first
/// one's people on call now; bars of the same people share a colour (one of <see cref="Display.Colours"/>).
/// </summary>
public sealed record OnCallTimeline(string Schedule, IReadOnlyList<ShiftBar> Bars, IReadOnlyList<DayTick> Days)
{
    public const double Width = 1000;
    public ShiftBar Now => Bars[0];

    public ShiftBar? Next => Bars.Count > 1 ? Bars[1] : null;

    /// <param name="names">People's names by id; ids stay ids when missing.</param>
    /// <param name="shifts">At least one: who is on call at <paramref name="from"/>.</param>
    public static OnCallTimeline Of(string schedule, IReadOnlyList<OnCallShift> shifts, DateTimeOffset from, DateTimeOffset until, IReadOnlyDictionary<string, string> names)
    {
        double scale = Width / (until - from).Ticks;
        List<string> teams = [];
        List<ShiftBar> bars = [];
        for (int i = 0; i < shifts.Count; i++)
        {
            DateTimeOffset end = i + 1 < shifts.Count ? shifts[i + 1].From : until;
            string people = shifts[i].Users.Count == 0 ? "nobody" : string.Join(", ", shifts[i].Users.Select(id => names.GetValueOrDefault(id, id)));
            if (!teams.Contains(people))
            {
                teams.Add(people);
            }
            bars.Add(new ShiftBar((shifts[i].From - from).Ticks * scale, (end - shifts[i].From).Ticks * scale, people, shifts[i].From, end, teams.IndexOf(people) % Display.Colours));
        }
        DayTick[] days = [.. Enumerable.Range(1, (int)(until - from).TotalDays)
            .Select(day => from.UtcDateTime.Date.AddDays(day))
            .Select(midnight => new DayTick((midnight - from.UtcDateTime).Ticks * scale, midnight.ToString("ddd d", CultureInfo.InvariantCulture)))
            .Where(tick => tick.X < Width - 40)]; // a label at the very end would be cut off
        return new OnCallTimeline(schedule, bars, days);
    }
}

/// <summary>One shift's bar: where it starts and how wide it is, in SVG units.</summary>
public sealed record ShiftBar(double X, double Width, string People, DateTimeOffset From, DateTimeOffset To, int Colour);

/// <summary>A UTC midnight on the time axis.</summary>
public sealed record DayTick(double X, string Label);
