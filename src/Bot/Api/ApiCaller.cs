using System.Security.Claims;
using ChatOpsIncidents.Bot.Security;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Api;

/// <summary>Who made an API request.</summary>
internal static class ApiCaller
{
    /// <summary>
    /// The signed-in person, or the token the client presented (by its name); <paramref name="by"/> only as whom a token says it
    /// acts for.
    /// </summary>
    public static Actor ActorOf(ClaimsPrincipal client, string? by) => SignedInPerson.From(client)?.ToActor() ??
        Actor.Api(client.Identity?.Name ?? BearerCredentials.AnonymousName, string.IsNullOrWhiteSpace(by) ? null : by.Trim());
}
