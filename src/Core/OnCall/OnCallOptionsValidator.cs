using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.OnCall;

internal sealed class OnCallOptionsValidator : IValidateOptions<OnCallOptions>
{
    public ValidateOptionsResult Validate(string? name, OnCallOptions options)
    {
        List<string> failures = [];
        foreach ((string scheduleName, OnCallSchedule schedule) in options.Schedules)
        {
            string key = $"OnCall:Schedules:{scheduleName}";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(schedule.TimeZone, out _))
            {
                failures.Add($"{key}:TimeZone must be a time zone id such as \"Europe/Berlin\", was \"{schedule.TimeZone}\".");
            }
            if (schedule.Layers.Count == 0)
            {
                failures.Add($"{key}:Layers needs at least one layer with participants.");
            }
            for (int i = 0; i < schedule.Layers.Count; i++)
            {
                OnCallLayer layer = schedule.Layers[i];
                if (layer.Participants.Length == 0 || layer.Participants.Any(string.IsNullOrWhiteSpace))
                {
                    failures.Add($"{key}:Layers:{i}:Participants must list Slack user ids such as \"U024BE7LH\", without empty entries.");
                }
                if (layer.RotationDays < 1)
                {
                    failures.Add($"{key}:Layers:{i}:RotationDays must be at least 1, was {layer.RotationDays}.");
                }
                if (layer.RotationHours is < 0 or > 8760)
                {
                    failures.Add($"{key}:Layers:{i}:RotationHours must be between 1 and 8760, or 0 to rotate by RotationDays, was {layer.RotationHours}.");
                }
            }
            for (int i = 0; i < schedule.Overrides.Count; i++)
            {
                OnCallOverride entry = schedule.Overrides[i];
                if (string.IsNullOrWhiteSpace(entry.User))
                {
                    failures.Add($"{key}:Overrides:{i}:User must be a Slack user id such as \"U024BE7LH\".");
                }
                if (entry.From >= entry.To)
                {
                    failures.Add($"{key}:Overrides:{i}: From ({entry.From:O}) must be earlier than To ({entry.To:O}).");
                }
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
