namespace ChatOpsIncidents.Core.OnCall;

/// <summary>The on-call schedules, by name (the name escalation steps and <c>/incident oncall</c> use).</summary>
public sealed class OnCallOptions
{
    public const string Section = "OnCall";

    public Dictionary<string, OnCallSchedule> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A YAML file with more schedules, in the shape of this section (see <see cref="OnCallScheduleFile"/>); read at start-up.</summary>
    public string? SchedulesFile { get; set; }
}
