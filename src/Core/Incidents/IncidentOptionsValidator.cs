using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Incidents;

internal sealed class IncidentOptionsValidator : IValidateOptions<IncidentOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentOptions options)
    {
        List<string> failures = [];
        if (options.ReopenWindow < TimeSpan.Zero)
        {
            failures.Add($"Incidents:ReopenWindow must be zero or a positive duration such as \"00:30:00\", was \"{options.ReopenWindow}\".");
        }
        if (options.FlappingWindow < TimeSpan.Zero)
        {
            failures.Add($"Incidents:FlappingWindow must be zero or a positive duration such as \"00:10:00\", was \"{options.FlappingWindow}\".");
        }
        if (options.FlappingThreshold < 2)
        {
            failures.Add($"Incidents:FlappingThreshold must be 2 or more reopenings within Incidents:FlappingWindow, such as 3, was {options.FlappingThreshold}.");
        }
        if (string.IsNullOrWhiteSpace(options.SeverityLabel))
        {
            failures.Add("Incidents:SeverityLabel must name an alert label, such as \"severity\".");
        }
        if (!SeverityText.TryParse(options.DefaultSeverity, out _))
        {
            failures.Add($"Incidents:DefaultSeverity must be one of SEV1, SEV2, SEV3, SEV4, was \"{options.DefaultSeverity}\".");
        }
        foreach ((string labelValue, string severity) in options.SeverityMatrix)
        {
            if (!SeverityText.TryParse(severity, out _))
            {
                failures.Add($"Incidents:SeverityMatrix:{labelValue} must be one of SEV1, SEV2, SEV3, SEV4, was \"{severity}\".");
            }
        }
        if (options.ServiceLabels.Length == 0 || options.ServiceLabels.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Incidents:ServiceLabels must list at least one label name, such as [\"service\", \"job\"], with no empty names.");
        }
        if (options.EnvironmentLabels.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Incidents:EnvironmentLabels must not contain empty names.");
        }
        if (options.RepeatIndexSize < 0)
        {
            failures.Add($"Incidents:RepeatIndexSize must be 0 (remember no repeated delivery) or more alert groups, such as 10000, was {options.RepeatIndexSize}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
