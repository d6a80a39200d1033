namespace ChatOpsIncidents.Bot.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// The bearer tokens the API's writes accept, by name (<c>Api:Tokens:ci</c>): the name of the token a request carried is
    /// recorded as who acted. None set, the bot generates one on its first start (see <c>Security/AccessTokens</c>), unless
    /// <see cref="AllowAnonymous"/> is set.
    /// </summary>
    public Dictionary<string, string> Tokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Accepts the API's writes without a token: anyone who can reach the bot can then work incidents. Warned at every start.</summary>
    public bool AllowAnonymous { get; set; }
}
