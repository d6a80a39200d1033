using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.OnCall;

/// <summary>The configured schedules, asked by name.</summary>
public sealed class OnCallRoster(IOptions<OnCallOptions> options)
{
    public IReadOnlyCollection<string> ScheduleNames => options.Value.Schedules.Keys;

    public OnCallSchedule? Find(string name) => options.Value.Schedules.GetValueOrDefault(name);

    /// <summary>Who is on call in schedule <paramref name="name"/>; nobody when there is no such schedule.</summary>
    public IReadOnlyList<string> WhoIsOnCall(string name, DateTimeOffset at) =>
        Find(name) is { } schedule ? OnCallCalculator.WhoIsOnCall(schedule, at) : [];
}
