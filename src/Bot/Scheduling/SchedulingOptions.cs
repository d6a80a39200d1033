namespace ChatOpsIncidents.Bot.Scheduling;

public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often the safety net looks for escalation steps and postmortem reminders whose trigger was late or lost.</summary>
    public TimeSpan SafetyNetInterval { get; set; } = TimeSpan.FromMinutes(1);
}
