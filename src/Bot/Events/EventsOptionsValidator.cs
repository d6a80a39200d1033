using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Events;

internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        List<string> failures = [];
        foreach ((string integration, EventIntegrationOptions settings) in options.Integrations)
        {
            if (settings.RoutingKey.Length != PagerDutyEvent.RoutingKeyLength)
            {
                failures.Add($"Events:Integrations:{integration}:RoutingKey must be {PagerDutyEvent.RoutingKeyLength} characters long, like a PagerDuty integration key; it has {settings.RoutingKey.Length}.");
            }
        }
        foreach (IGrouping<string, string> shared in options.Integrations
            .GroupBy(pair => pair.Value.RoutingKey, pair => pair.Key, StringComparer.Ordinal)
            .Where(group => group.Count() > 1))
        {
            failures.Add($"Events:Integrations:{string.Join(" and ", shared)} share one RoutingKey; each integration needs its own.");
        }
        if (options.Retention <= TimeSpan.Zero)
        {
            failures.Add($"Events:Retention must be a positive duration such as \"30.00:00:00\", was \"{options.Retention}\".");
        }
        if (options.RateLimitPerMinute <= 0)
        {
            failures.Add($"Events:RateLimitPerMinute must be at least 1, was {options.RateLimitPerMinute}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
