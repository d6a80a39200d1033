namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>
/// Sign-in to the dashboard and the API's reads with an OpenID Connect provider (Sign in with Slack, Okta, Google, Keycloak...).
/// Off while <see cref="Authority"/> is unset: the reads then stay open and the dashboard read-only.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>The provider's issuer URL, whose <c>/.well-known/openid-configuration</c> the bot reads (https; http only on loopback).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Who may sign in: people whose verified email is at one of these domains (<c>example.com</c>).</summary>
    public List<string> AllowedEmailDomains { get; set; } = [];

    /// <summary>Who may sign in: members of this Slack workspace (the <c>https://slack.com/team_id</c> claim of Sign in with Slack).</summary>
    public string? SlackTeamId { get; set; }

    /// <summary>Who may sign in: anyone the provider signs in, for a provider that only knows your people (your Okta or Keycloak realm).</summary>
    public bool AllowAnyAccount { get; set; }

    /// <summary>Which of the people who may sign in may also act (acknowledge, resolve, declare...).</summary>
    public ResponderOptions Responders { get; set; } = new();

    /// <summary>The claim that lists a person's groups (Okta and Keycloak: <c>groups</c>), matched against <see cref="ResponderOptions.Groups"/>.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Scopes asked for besides <c>openid profile email</c>, e.g. <c>groups</c> for Okta.</summary>
    public List<string> AdditionalScopes { get; set; } = [];

    /// <summary>How long a sign-in lasts before the provider is asked again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}
