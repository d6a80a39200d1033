using System.Security.Claims;
using System.Text.Encodings.Web;
using ChatOpsIncidents.Bot.Errors;
using ChatOpsIncidents.Bot.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ChatOpsIncidents.Bot.Security;

/// <summary>
/// Authenticates a request by its bearer token, before the endpoint reads a byte of the body: the authorization middleware
/// runs this for the endpoints of its scheme (<see cref="AccessPolicies"/>). The identity's name is the token's name, or
/// <see cref="BearerCredentials.AnonymousName"/> where anonymous access was asked for. A refusal is a 401 problem that says
/// where the token comes from, logged as a client fault (rate-limited).
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    AccessTokens tokens,
    ClientFaultLog clientFaults)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    private const string Bearer = "Bearer ";

    private BearerCredentials Credentials => Scheme.Name == AccessPolicies.Alertmanager ? tokens.Alertmanager : tokens.Api;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Credentials.AllowsAnonymous)
        {
            return Task.FromResult(Authenticated(BearerCredentials.AnonymousName));
        }
        string header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        return Task.FromResult(Credentials.NameOf(header[Bearer.Length..].Trim()) is { } name
            ? Authenticated(name)
            : AuthenticateResult.Fail("wrong bearer token"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        clientFaults.Record(Request.Method, Request.Path, StatusCodes.Status401Unauthorized, "missing or wrong bearer token");
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await Problems.Create(StatusCodes.Status401Unauthorized, "Unauthorized", Credentials.Hint).ExecuteAsync(Context);
    }

    private AuthenticateResult Authenticated(string name) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], Scheme.Name)), Scheme.Name));
}
