using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slos;

internal sealed class PrometheusOptionsValidator : IValidateOptions<PrometheusOptions>
{
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        List<string> failures = [];
        if (options.Url.Length > 0 && options.BaseAddress?.Scheme is not ("http" or "https"))
        {
            failures.Add("Prometheus:Url must be an absolute http(s) URL such as \"http://prometheus:9090/\", or empty.");
        }
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > s_maxTimeout)
        {
            failures.Add($"Prometheus:Timeout must be a duration above zero and at most a minute, such as \"00:00:05\", was \"{options.Timeout}\".");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
