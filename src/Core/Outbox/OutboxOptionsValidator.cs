using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Outbox;

internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        List<string> failures = [];
        if (options.Lease < TimeSpan.FromSeconds(10))
        {
            failures.Add($"Outbox:Lease must be at least 10 seconds, such as \"00:02:00\", was \"{options.Lease}\".");
        }
        if (options.PollInterval < TimeSpan.FromMilliseconds(10) || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Outbox:PollInterval must be between 10 ms and 1 minute, such as \"00:00:00.500\", was \"{options.PollInterval}\".");
        }
        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add($"Outbox:BatchSize must be between 1 and 1000, was {options.BatchSize}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
