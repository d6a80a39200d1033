using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Reports;

internal sealed class WeeklyReportOptionsValidator : IValidateOptions<WeeklyReportOptions>
{
    private const string Targets = WeeklyReportOptions.Section + ":Targets";

    public ValidateOptionsResult Validate(string? name, WeeklyReportOptions options)
    {
        List<string> failures = [];
        if (!Enum.IsDefined(options.Day))
        {
            failures.Add($"{WeeklyReportOptions.Section}:Day must be a day of the week such as \"Monday\", was \"{options.Day}\".");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"{WeeklyReportOptions.Section}:TimeZone must be a time zone id such as \"Europe/Berlin\", was \"{options.TimeZone}\".");
        }
        if (options.Channel is { Length: > 0 } channel && (string.IsNullOrWhiteSpace(channel) || channel.Length > Outbox.ChannelMessage.MaxChannelLength))
        {
            failures.Add($"{WeeklyReportOptions.Section}:Channel must be a channel such as \"#incidents\" (or unset for Slack:IncidentsChannel), was \"{channel}\".");
        }
        foreach ((string key, Dictionary<Incidents.Severity, TimeSpan> targets) in new[]
        {
            ("TimeToAcknowledge", options.Targets.TimeToAcknowledge), ("TimeToResolve", options.Targets.TimeToResolve),
        })
        {
            failures.AddRange(targets.Where(target => target.Value <= TimeSpan.Zero).Select(target =>
                $"{Targets}:{key}:{target.Key} must be a positive duration such as \"00:05:00\", was \"{target.Value}\"."));
        }
        if (options.Targets.FalsePositives < 1)
        {
            failures.Add($"{Targets}:FalsePositives must be 1 or more (the week's false positives are to stay under it), was {options.Targets.FalsePositives}.");
        }
        if (options.Targets.AutomaticRemediationSuccess is <= 0 or > 1 || double.IsNaN(options.Targets.AutomaticRemediationSuccess))
        {
            failures.Add($"{Targets}:AutomaticRemediationSuccess must be a share over 0 and at most 1, such as 0.8 for 80 %, was {options.Targets.AutomaticRemediationSuccess}.");
        }
        if (options.Targets.PostmortemWithin <= TimeSpan.Zero)
        {
            failures.Add($"{Targets}:PostmortemWithin must be a positive duration such as \"3.00:00:00\", was \"{options.Targets.PostmortemWithin}\".");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
