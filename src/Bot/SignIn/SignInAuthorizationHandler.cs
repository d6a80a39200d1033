using ChatOpsIncidents.Bot.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;

namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>
/// Meets <see cref="SignInRequirement"/> for a bearer token of the API (as before sign-in existed) where it takes one, or for a
/// signed-in person <see cref="SignInAccess"/> lets see or act; a person's write must also carry a valid anti-forgery token.
/// </summary>
internal sealed class SignInAuthorizationHandler(SignInAccess access, IAntiforgery antiforgery) : AuthorizationHandler<SignInRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SignInRequirement requirement)
    {
        bool byToken = requirement.TakesToken
            && context.User.Identities.Any(identity => identity.IsAuthenticated && identity.AuthenticationType == AccessPolicies.Api);
        bool allowed = byToken
            || (!requirement.ToAct && !access.IsEnabled)
            || (requirement.ToAct ? access.MayAct(context.User) && await IsNotForgedAsync(context.Resource) : access.MaySee(context.User));
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    /// <summary>
    /// A write's anti-forgery token (bound to the person) is valid: the browser sends the session cookie with requests other
    /// sites make it send, never the token of a page of the bot. A read, or a check outside a request (a page deciding
    /// whether to show its buttons), has nothing to forge.
    /// </summary>
    private async Task<bool> IsNotForgedAsync(object? resource) =>
        resource is not HttpContext http
        || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
        || await antiforgery.IsRequestValidAsync(http);
}
