using ChatOpsIncidents.Bot.Api;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>Checks that sign-in, when asked for, names its provider, its client and who may sign in and act.</summary>
internal sealed class SignInOptionsValidator(IOptions<ApiOptions> api) : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        if (!options.IsEnabled)
        {
            return string.IsNullOrEmpty(options.ClientId)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("SignIn:ClientId is set but SignIn:Authority is not: set the provider's issuer URL (e.g. https://slack.com), or remove SignIn:ClientId.");
        }
        List<string> failures = [];
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out Uri? authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)))
        {
            failures.Add($"SignIn:Authority must be the provider's https issuer URL such as https://slack.com (http only on 127.0.0.1), was \"{options.Authority}\".");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("SignIn:ClientId is empty: set the client id the provider gave the bot's app.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("SignIn:ClientSecret is empty: set the app's client secret (better as the environment variable SignIn__ClientSecret).");
        }
        int whoMaySignIn = (options.AllowedEmailDomains.Count > 0 ? 1 : 0) + (string.IsNullOrWhiteSpace(options.SlackTeamId) ? 0 : 1) + (options.AllowAnyAccount ? 1 : 0);
        if (whoMaySignIn == 0)
        {
            failures.Add("SignIn: say who may sign in: SignIn:AllowedEmailDomains (e.g. [\"example.com\"]), SignIn:SlackTeamId (e.g. T0123ABCD), or SignIn:AllowAnyAccount true for a provider that knows only your people.");
        }
        if (options.AllowAnyAccount && whoMaySignIn > 1)
        {
            failures.Add("SignIn:AllowAnyAccount is true and SignIn:AllowedEmailDomains or SignIn:SlackTeamId is set: remove one, so it is plain who may sign in.");
        }
        if (options.AllowedEmailDomains.Any(domain => string.IsNullOrWhiteSpace(domain) || domain.Trim().TrimStart('@').Contains('@', StringComparison.Ordinal)))
        {
            failures.Add($"SignIn:AllowedEmailDomains holds \"{string.Join("\", \"", options.AllowedEmailDomains)}\": each entry is a domain such as example.com.");
        }
        ResponderOptions responders = options.Responders;
        bool listed = responders.Users.Count > 0 || responders.Groups.Count > 0;
        if (responders.AnyViewer == listed)
        {
            failures.Add(responders.AnyViewer
                ? "SignIn:Responders:AnyViewer is true and SignIn:Responders:Users or :Groups are listed: remove one, so it is plain who may act."
                : "SignIn:Responders: say who may act: AnyViewer true, or list Users (emails or subject ids) or Groups.");
        }
        if (string.IsNullOrWhiteSpace(options.GroupsClaim))
        {
            failures.Add("SignIn:GroupsClaim is empty: name the claim that lists a person's groups (\"groups\" for Okta and Keycloak).");
        }
        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            failures.Add($"SignIn:SessionLifetime must be a positive duration such as \"08:00:00\", was \"{options.SessionLifetime}\".");
        }
        if (api.Value.AllowAnonymous)
        {
            failures.Add("SignIn:Authority is set and Api:AllowAnonymous is true: sign-in guards the API's reads and writes, so remove Api:AllowAnonymous.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
