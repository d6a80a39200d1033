using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Silences;

internal sealed class AlertmanagerApiOptionsValidator : IValidateOptions<AlertmanagerApiOptions>
{
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, AlertmanagerApiOptions options)
    {
        List<string> failures = [];
        for (int i = 0; i < options.Urls.Count; i++)
        {
            if (!Uri.TryCreate(options.Urls[i], UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
            {
                failures.Add($"Alertmanager:Urls:{i} must be an absolute http(s) URL such as \"http://alertmanager-0:9093/\".");
            }
            else if (url.UserInfo.Length > 0)
            {
                failures.Add($"Alertmanager:Urls:{i} must not carry credentials: set Alertmanager:ApiUsername and Alertmanager:ApiPassword instead.");
            }
        }
        if (options.ApiUsername.Length > 0 && options.ApiBearerToken.Length > 0)
        {
            failures.Add("Alertmanager:ApiUsername and Alertmanager:ApiBearerToken are both set: use basic authentication or a bearer token, not both.");
        }
        if (options.ApiPassword.Length > 0 && options.ApiUsername.Length == 0)
        {
            failures.Add("Alertmanager:ApiPassword is set without Alertmanager:ApiUsername.");
        }
        if (options.ApiTimeout <= TimeSpan.Zero || options.ApiTimeout > s_maxTimeout)
        {
            failures.Add($"Alertmanager:ApiTimeout must be a duration above zero and at most a minute, such as \"00:00:05\", was \"{options.ApiTimeout}\".");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
