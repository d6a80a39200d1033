using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>Who of the people the provider signs in may see the dashboard, and who may act: <see cref="SignInOptions"/> applied.</summary>
internal sealed class SignInAccess(IOptions<SignInOptions> options)
{
    public bool IsEnabled => options.Value.IsEnabled;

    /// <summary>
    /// True for a signed-in person of the allowed email domains (email verified by the provider), of the Slack workspace,
    /// or anyone where <c>SignIn:AllowAnyAccount</c> says so.
    /// </summary>
    public bool MaySee(ClaimsPrincipal user)
    {
        SignInOptions settings = options.Value;
        if (!settings.IsEnabled || SignedInPerson.From(user) is not { } person)
        {
            return false;
        }
        return settings.AllowAnyAccount
            || (person.SlackTeamId is { } team && string.Equals(team, settings.SlackTeamId, StringComparison.Ordinal))
            || (person is { EmailVerified: true, Email: { } email } && settings.AllowedEmailDomains.Any(domain => IsAt(email, domain)));
    }

    /// <summary>
    /// True for a person who may see the dashboard and is one of <c>SignIn:Responders</c>: listed by their subject, by their email
    /// only when the provider verified it (where people may set their own, anyone could claim a listed address), or by a group.
    /// </summary>
    public bool MayAct(ClaimsPrincipal user)
    {
        ResponderOptions responders = options.Value.Responders;
        if (!MaySee(user) || SignedInPerson.From(user) is not { } person)
        {
            return false;
        }
        IEnumerable<string> groups = SignedInPerson.SessionOf(user)!.FindAll(options.Value.GroupsClaim).Select(claim => claim.Value);
        return responders.AnyViewer
            || responders.Users.Any(listed => listed == person.Subject
                || (person.EmailVerified && string.Equals(listed, person.Email, StringComparison.OrdinalIgnoreCase)))
            || responders.Groups.Intersect(groups, StringComparer.Ordinal).Any();
    }

    private static bool IsAt(string email, string domain) =>
        email.EndsWith("@" + domain.Trim().TrimStart('@'), StringComparison.OrdinalIgnoreCase);
}
