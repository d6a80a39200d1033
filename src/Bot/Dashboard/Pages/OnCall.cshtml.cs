using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.OnCall;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOpsIncidents.Bot.Dashboard.Pages;

/// <summary><c>/oncall</c>: for each schedule, who is on call now and next, and the shifts of the coming two weeks.</summary>
public sealed class OnCallModel(OnCallRoster roster, IPeopleDirectory people, TimeProvider time) : PageModel
{
    private static readonly TimeSpan s_horizon = TimeSpan.FromDays(14);

    public IReadOnlyList<OnCallTimeline> Schedules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        List<(string Name, IReadOnlyList<OnCallShift> Shifts)> schedules = [.. roster.ScheduleNames.Order(StringComparer.OrdinalIgnoreCase)
            .Select(name => (name, OnCallCalculator.Shifts(roster.Find(name)!, now, now + s_horizon)))];
        IReadOnlyDictionary<string, string> names = await people.NamesAsync(
            [.. schedules.SelectMany(s => s.Shifts).SelectMany(shift => shift.Users).Distinct(StringComparer.Ordinal)], cancellationToken);
        Schedules = [.. schedules.Select(s => OnCallTimeline.Of(s.Name, s.Shifts, now, now + s_horizon, names))];
    }
}
