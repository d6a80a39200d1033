namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>The authentication schemes of sign-in.</summary>
internal static class SignInSchemes
{
    /// <summary>The session cookie a sign-in leaves.</summary>
    public const string Cookie = "SignIn.Cookie";

    /// <summary>The identity provider; registered only when <c>SignIn:Authority</c> is set.</summary>
    public const string OpenIdConnect = "SignIn.OpenIdConnect";

    /// <summary>The bearer token when the request carries one, else the session cookie: what the policies authenticate with.</summary>
    public const string TokenOrCookie = "SignIn.TokenOrCookie";
}
