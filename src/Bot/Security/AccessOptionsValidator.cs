using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Alertmanager;
using ChatOpsIncidents.Bot.Api;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Security;

/// <summary>Checks who may write: the webhook's token and the API's named tokens, and that anonymous access is asked for plainly.</summary>
internal sealed partial class AccessOptionsValidator(IConfiguration configuration) : IValidateOptions<AlertmanagerOptions>, IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertmanagerOptions options) =>
        options.AllowAnonymous && !string.IsNullOrEmpty(options.BearerToken)
            ? ValidateOptionsResult.Fail("Alertmanager:AllowAnonymous is true and Alertmanager:BearerToken is set: remove one, so it is plain whether the webhook needs a token.")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        List<string> failures = [];
        if (!string.IsNullOrEmpty(configuration["Api:Token"]))
        {
            failures.Add("Api:Token is no longer read: name the token instead, Api:Tokens:<name> (e.g. Api:Tokens:ci); the name is recorded as who acted.");
        }
        if (options.AllowAnonymous && options.Tokens.Count > 0)
        {
            failures.Add("Api:AllowAnonymous is true and Api:Tokens are set: remove one, so it is plain whether the API needs a token.");
        }
        foreach ((string tokenName, string token) in options.Tokens)
        {
            if (!TokenName().IsMatch(tokenName))
            {
                failures.Add($"Api:Tokens:{tokenName}: a token's name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            }
            if (string.IsNullOrWhiteSpace(token))
            {
                failures.Add($"Api:Tokens:{tokenName} is empty; give it a long random value, e.g. from `openssl rand -hex 32`.");
            }
        }
        if (options.Tokens.Values.Where(token => !string.IsNullOrWhiteSpace(token)).GroupBy(token => token, StringComparer.Ordinal).Any(same => same.Count() > 1))
        {
            failures.Add("Api:Tokens holds the same token under two names; each name needs a token of its own, or the timeline cannot tell who acted.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex TokenName();
}
