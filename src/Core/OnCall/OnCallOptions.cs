namespace ChatOpsIncidents.Core.OnCall;

/// <summary>The on-call schedules, by name (the name escalation steps and <c>/incident oncall</c> use).</summary>
public sealed class OnCallOptions
{
    public const string Section = "OnCall";

    public Dictionary<string, OnCallSchedule> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
