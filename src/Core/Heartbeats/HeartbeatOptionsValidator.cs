using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Heartbeats;

internal sealed class HeartbeatOptionsValidator : IValidateOptions<HeartbeatOptions>
{
    public ValidateOptionsResult Validate(string? name, HeartbeatOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.AlertName) || options.AlertName.Length > TextLimits.LabelValue)
        {
            failures.Add($"{HeartbeatOptions.Section}:AlertName must name the heartbeat alert (its alertname label, such as \"Watchdog\"), was \"{options.AlertName}\".");
        }
        if (options.MaxGap is { } gap && (gap < TimeSpan.FromSeconds(1) || gap > TimeSpan.FromDays(1)))
        {
            failures.Add($"{HeartbeatOptions.Section}:MaxGap must be between 1 second and 1 day, such as \"00:05:00\" (or unset to turn the switch off), was \"{gap}\".");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
