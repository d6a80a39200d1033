using ChatOpsIncidents.Bot.Errors;
using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>How the session cookie and the OpenID Connect provider are set up, and what they answer when they refuse.</summary>
internal static class SignInEvents
{
    private const string ApiPath = "/api";

    /// <summary>Secure cookies, except in Development, where the bot serves plain http on 127.0.0.1.</summary>
    public static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public static void ConfigureSession(CookieAuthenticationOptions session, IHostEnvironment environment, IOptions<SignInOptions> options)
    {
        session.Cookie.Name = "chatops-session";
        session.Cookie.HttpOnly = true;
        session.Cookie.SameSite = SameSiteMode.Lax;
        session.Cookie.SecurePolicy = SecurePolicy(environment);
        session.ExpireTimeSpan = options.Value.SessionLifetime;
        session.SlidingExpiration = false;
        session.LoginPath = "/signin";
        session.ReturnUrlParameter = "returnUrl";
        session.Events.OnRedirectToLogin = RefuseAnonymousAsync;
        session.Events.OnRedirectToAccessDenied = RefuseSignedInAsync;
    }

    public static void ConfigureProvider(OpenIdConnectOptions provider, IHostEnvironment environment, IOptions<SignInOptions> options)
    {
        SignInOptions settings = options.Value;
        provider.Authority = settings.Authority;
        provider.RequireHttpsMetadata = !Uri.TryCreate(settings.Authority, UriKind.Absolute, out Uri? authority) || !authority.IsLoopback;
        provider.ClientId = settings.ClientId;
        provider.ClientSecret = settings.ClientSecret;
        provider.SignInScheme = SignInSchemes.Cookie;
        // The authorization code flow with PKCE, answered in the query: every provider supports it (Slack only it).
        provider.ResponseType = OpenIdConnectResponseType.Code;
        provider.ResponseMode = OpenIdConnectResponseMode.Query;
        provider.UsePkce = true;
        provider.Scope.Clear();
        foreach (string scope in (string[])[OpenIdConnectScope.OpenId, "profile", "email", .. settings.AdditionalScopes])
        {
            provider.Scope.Add(scope);
        }
        provider.SaveTokens = false;
        provider.MapInboundClaims = false;
        provider.TokenValidationParameters.NameClaimType = SignInClaims.Name;
        provider.TokenValidationParameters.AuthenticationType = SignInSchemes.OpenIdConnect;
        // Okta's and Google's ID tokens may leave the email, the groups or Slack's team out: the userinfo answer has them.
        provider.GetClaimsFromUserInfoEndpoint = true;
        foreach (string claim in (string[])[SignInClaims.EmailVerified, SignInClaims.SlackUserId, SignInClaims.SlackTeamId])
        {
            provider.ClaimActions.MapUniqueJsonKey(claim, claim);
        }
        provider.ClaimActions.MapJsonKey(settings.GroupsClaim, settings.GroupsClaim);
        // The answer comes back as a top-level GET from the provider's site: SameSite=Lax cookies come with it.
        foreach (CookieBuilder cookie in (CookieBuilder[])[provider.CorrelationCookie, provider.NonceCookie])
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = SecurePolicy(environment);
        }
        provider.Events.OnTicketReceived = RefuseUnlistedAccountAsync;
        provider.Events.OnRemoteFailure = RefuseFailedSignInAsync;
    }

    /// <summary>The API answers as without sign-in (401 saying where a token comes from); a page sends the browser to /signin.</summary>
    private static async Task RefuseAnonymousAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.Request.Path.StartsWithSegments(ApiPath))
        {
            await context.HttpContext.ChallengeAsync(AccessPolicies.Api);
            return;
        }
        context.Response.Redirect(context.RedirectUri);
    }

    private static Task RefuseSignedInAsync(RedirectContext<CookieAuthenticationOptions> context) => RefuseAsync(
        context.HttpContext, "signed-in person refused", StatusCodes.Status403Forbidden, "Forbidden",
        "This needs a person SignIn allows to sign in; acting also needs one of SignIn:Responders and, from a browser, the page's anti-forgery token.");

    private static async Task RefuseUnlistedAccountAsync(TicketReceivedContext context)
    {
        if (context.Principal is not null && context.HttpContext.RequestServices.GetRequiredService<SignInAccess>().MaySee(context.Principal))
        {
            return;
        }
        context.HandleResponse();
        await RefuseAsync(context.HttpContext, "account not allowed to sign in", StatusCodes.Status403Forbidden, "Sign-in refused",
            "The identity provider signed this account in, but the bot does not take it: it is not at one of SignIn:AllowedEmailDomains "
            + "(with an email the provider verified) nor of the Slack workspace SignIn:SlackTeamId.");
    }

    private static async Task RefuseFailedSignInAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        string reason = context.Failure?.Message.Split('\n')[0] ?? "unknown";
        await RefuseAsync(context.HttpContext, $"sign-in failed: {reason}", StatusCodes.Status403Forbidden, "Sign-in failed",
            "The identity provider's answer was refused. Start again from /signin; if it keeps failing, the bot's log says why.");
    }

    private static async Task RefuseAsync(HttpContext http, string reason, int status, string title, string detail)
    {
        http.RequestServices.GetRequiredService<ClientFaultLog>().Record(http.Request.Method, http.Request.Path, status, reason);
        await Problems.Create(status, title, detail).ExecuteAsync(http);
    }
}
