using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Storms;

internal sealed class StormOptionsValidator : IValidateOptions<StormOptions>
{
    public ValidateOptionsResult Validate(string? name, StormOptions options)
    {
        List<string> failures = [];
        if (options.Threshold is < 1 or > 100_000)
        {
            failures.Add($"Storms:Threshold must be between 1 and 100000 incidents, was {options.Threshold}.");
        }
        if (options.Window < TimeSpan.FromSeconds(10) || options.Window > TimeSpan.FromDays(1))
        {
            failures.Add($"Storms:Window must be between 10 seconds and 1 day, such as \"00:02:00\", was \"{options.Window}\".");
        }
        if (string.IsNullOrWhiteSpace(options.CorrelationLabel))
        {
            failures.Add("Storms:CorrelationLabel must name an alert label, such as \"alertname\", \"cluster\" or \"namespace\".");
        }
        if (!SeverityText.TryParse(options.OwnChannelsThrough, out _))
        {
            failures.Add($"Storms:OwnChannelsThrough must be a severity from \"SEV1\" to \"SEV4\" (the least severe incident of a storm with a channel of its own), was \"{options.OwnChannelsThrough}\".");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
