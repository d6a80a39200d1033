namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>The claims sign-in reads, by their names in ID tokens and userinfo answers (inbound claims are not renamed).</summary>
internal static class SignInClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string SlackUserId = "https://slack.com/user_id";
    public const string SlackTeamId = "https://slack.com/team_id";
}
