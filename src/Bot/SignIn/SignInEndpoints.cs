using ChatOpsIncidents.Bot.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.SignIn;

internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", SignIn).WithName("SignIn").ExcludeFromDescription();
        app.MapPost("/signout", SignOutAsync).WithName("SignOut").ExcludeFromDescription();
        app.MapGet("/api/me", Session).WithName("GetSession").WithTags("Sign-in")
            .WithSummary("The browser's session: who is signed in, whether they may act, and the anti-forgery token (X-CSRF-TOKEN header) their writes need.")
            .RequireAuthorization(SignInPolicies.Viewer)
            .Produces<SessionView>();
        return app;
    }

    /// <summary>Sends the browser to the identity provider, and back to <paramref name="returnUrl"/> (a path of the bot) once signed in.</summary>
    public static IResult SignIn(string? returnUrl, SignInAccess access) => access.IsEnabled
        ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" }, [SignInSchemes.OpenIdConnect])
        : Problems.NotFound("Sign-in is off: set SignIn:Authority, SignIn:ClientId and SignIn:ClientSecret to turn it on (README, Sign-in).");

    /// <summary>Ends the bot's session (not the provider's), for a form of the bot's pages: it needs the page's anti-forgery token.</summary>
    public static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if ((await http.AuthenticateAsync(SignInSchemes.Cookie)).Principal is { } person)
        {
            http.User = person; // the anti-forgery token is bound to the person it was given to
        }
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Problems.BadRequest("Sign-out refused", "Sign out with the form of the bot's pages: the request lacked their anti-forgery token.");
        }
        await http.SignOutAsync(SignInSchemes.Cookie);
        return TypedResults.Redirect("/");
    }

    public static SessionView Session(HttpContext http, SignInAccess access, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions)
    {
        SignedInPerson? person = SignedInPerson.From(http.User);
        return new SessionView(
            access.IsEnabled,
            person is not null,
            person?.DisplayName,
            person?.Email,
            person?.SlackUserId,
            person is not null && access.MayAct(http.User),
            antiforgeryOptions.Value.HeaderName!,
            person is null ? null : antiforgery.GetAndStoreTokens(http).RequestToken);
    }

    /// <summary>
    /// A path of this site: "/x" but not "//host" or "/\host", which browsers take for another site, nor one with a control
    /// character, which browsers drop ("/\t/host").
    /// </summary>
    private static bool IsLocal(string? url) =>
        url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.Any(char.IsControl);
}
