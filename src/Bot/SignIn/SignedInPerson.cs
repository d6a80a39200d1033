using System.Security.Claims;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>A person signed in through the identity provider, as the session cookie carries them.</summary>
/// <param name="SlackUserId">With Sign in with Slack, the Slack user the timeline and the cards know (<c>U024BE7LH</c>).</param>
public sealed record SignedInPerson(string Subject, string? Name, string? Email, bool EmailVerified, string? SlackUserId, string? SlackTeamId)
{
    /// <summary>The signed-in person of <paramref name="user"/>, or null when the request is anonymous or came with a bearer token.</summary>
    public static SignedInPerson? From(ClaimsPrincipal user)
    {
        ClaimsIdentity? identity = SessionOf(user);
        if (identity?.FindFirst(SignInClaims.Subject)?.Value is not { Length: > 0 } subject)
        {
            return null;
        }
        string? Value(string type) => identity.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
        return new SignedInPerson(
            subject,
            Value(SignInClaims.Name),
            Value(SignInClaims.Email),
            string.Equals(Value(SignInClaims.EmailVerified), "true", StringComparison.OrdinalIgnoreCase),
            Value(SignInClaims.SlackUserId),
            Value(SignInClaims.SlackTeamId));
    }

    /// <summary>The signed-in person of a request that a policy admits only for one (<see cref="SignInPolicies.SignedInResponder"/>).</summary>
    public static SignedInPerson Required(ClaimsPrincipal user) =>
        From(user) ?? throw new InvalidOperationException("No signed-in person behind a request that is admitted only for one.");

    /// <summary>The identity the session cookie restored, if any.</summary>
    internal static ClaimsIdentity? SessionOf(ClaimsPrincipal user) =>
        user.Identities.FirstOrDefault(identity => identity.IsAuthenticated && identity.AuthenticationType == SignInSchemes.OpenIdConnect);

    /// <summary>
    /// Who the timeline records: the Slack user when signed in with Slack, so the timeline and the cards name the same person
    /// as for Slack actions; else the person by their email (or subject id) and name, as a person of the dashboard.
    /// </summary>
    public Actor ToActor() => SlackUserId is { } slackUser ? Actor.SlackUser(slackUser, Name) : Actor.WebUser(Email ?? Subject, Name);

    /// <summary>
    /// The person as the chat knows them, for what needs a chat user (an assignee, a commander): the Slack user Sign in with
    /// Slack names, else the member whose email is the one the provider verified. An email the provider does not say it
    /// verified (<c>email_verified</c> false or missing) is never looked up: anyone could have typed it there.
    /// </summary>
    public async Task<PersonMatch> FindInChatAsync(IPeopleDirectory people, CancellationToken cancellationToken) =>
        SlackUserId is { } slackUser ? PersonMatch.Found(slackUser)
        : this is { EmailVerified: true, Email: { } email } ? await people.FindByEmailAsync(email, cancellationToken)
        : PersonMatch.None("your identity provider did not say it verified your email address (email_verified)");

    /// <summary>The name to show.</summary>
    public string DisplayName => Name ?? Email ?? Subject;
}
