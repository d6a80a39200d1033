using ChatOpsIncidents.Runbooks.Execution.Redaction;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks;

internal sealed class RunbookOptionsValidator : IValidateOptions<RunbookOptions>
{
    public ValidateOptionsResult Validate(string? name, RunbookOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.Directory) || !Directory.Exists(options.FullDirectory))
        {
            failures.Add($"Runbooks:Directory must name the folder of runbook files; \"{options.Directory}\" is no folder (looked at \"{options.FullDirectory}\").");
        }
        if (options.EffectiveInstanceName.Length > 128)
        {
            failures.Add("Runbooks:InstanceName must be a name of at most 128 characters, unique per bot replica.");
        }
        if (options.AbandonedAfter < TimeSpan.FromMinutes(1))
        {
            failures.Add($"Runbooks:AbandonedAfter must be at least a minute (runs write a heartbeat every 30 s), was \"{options.AbandonedAfter}\".");
        }
        if (options.ConfirmationExpiry < TimeSpan.FromMinutes(1) || options.ConfirmationExpiry > TimeSpan.FromHours(1))
        {
            failures.Add($"Runbooks:ConfirmationExpiry must be from a minute to an hour, was \"{options.ConfirmationExpiry}\".");
        }
        foreach (string pattern in options.RedactPatterns)
        {
            try
            {
                _ = GatheredOutputRedactor.Extra(pattern);
            }
            catch (ArgumentException exception)
            {
                failures.Add($"Runbooks:RedactPatterns must hold regular expressions; \"{pattern}\" is not one: {exception.Message}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
