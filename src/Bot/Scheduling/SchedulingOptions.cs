using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Scheduling;

public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often the safety net looks for escalation steps and postmortem reminders whose trigger was late or lost.</summary>
    public TimeSpan SafetyNetInterval { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options) =>
        options.SafetyNetInterval >= TimeSpan.FromSeconds(10) && options.SafetyNetInterval <= TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Scheduling:SafetyNetInterval must be between 10 seconds and 1 hour, such as \"00:01:00\", was \"{options.SafetyNetInterval}\".");
}
