namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>
/// The authorization policies of the dashboard and the API. Each accepts a bearer token of the API (<c>Api:Tokens</c>) or a
/// signed-in person; without sign-in configured, <see cref="Viewer"/> lets anyone read and <see cref="Responder"/> takes
/// the token only.
/// </summary>
public static class SignInPolicies
{
    /// <summary>Reads: a person who may sign in (<c>SignIn:AllowedEmailDomains</c>, <c>SignIn:SlackTeamId</c>), or anyone while sign-in is off.</summary>
    public const string Viewer = "viewer";

    /// <summary>
    /// Writes: a viewer who is also one of <c>SignIn:Responders</c>, and whose request, unless it is a GET or HEAD, carries the
    /// anti-forgery token of the page it came from (form field or <c>X-CSRF-TOKEN</c> header): a cookie alone never writes.
    /// </summary>
    public const string Responder = "responder";

    /// <summary>
    /// The dashboard's forms: a signed-in person who is one of <c>SignIn:Responders</c>, with the page's anti-forgery token; never
    /// an API token, nor anyone while sign-in is off (the dashboard is then read-only).
    /// </summary>
    public const string SignedInResponder = "signed-in-responder";
}
