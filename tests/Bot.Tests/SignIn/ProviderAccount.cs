namespace ChatOpsIncidents.Bot.Tests.SignIn;

/// <summary>
/// The person the identity provider stand-in signs in. The ID token carries only <c>sub</c> and <c>name</c>, as Okta's thin
/// ID tokens do; the email, its verification (no <c>email_verified</c> claim at all when null) and <see cref="Claims"/> (groups,
/// Slack's user and team) come from userinfo.
/// </summary>
public sealed record ProviderAccount(string Subject, string Name, string? Email, bool? EmailVerified = true, IReadOnlyDictionary<string, object>? Claims = null)
{
    public static ProviderAccount Ann { get; } = new("okta-ann", "Ann Example", "ann@example.com");

    public static ProviderAccount Bob { get; } = new("okta-bob", "Bob Example", "bob@example.com");

    public static ProviderAccount SlackUser(string userId, string teamId) => new(userId, "Sam Slack", "sam@elsewhere.test", Claims: new Dictionary<string, object>
    {
        ["https://slack.com/user_id"] = userId,
        ["https://slack.com/team_id"] = teamId,
    });
}
