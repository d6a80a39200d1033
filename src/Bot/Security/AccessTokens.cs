using ChatOpsIncidents.Bot.Alertmanager;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Security;

/// <summary>
/// Who may write: the token Alertmanager's webhook must carry and the named tokens of the API's writes, from the settings. A
/// side with no token set and anonymous access not asked for takes a token generated on the first start
/// (<see cref="AccessTokenFile"/>, in the folder of <c>Database:SqlitePath</c>), so no write is ever anonymous by default.
/// </summary>
internal sealed class AccessTokens
{
    /// <summary>The name the generated API token is recorded under as who acted.</summary>
    public const string GeneratedApiTokenName = "default";

    /// <summary>The name a webhook request is authenticated as.</summary>
    public const string AlertmanagerName = "alertmanager";

    public AccessTokens(IOptions<AlertmanagerOptions> alertmanagerOptions, IOptions<ApiOptions> apiOptions, IOptions<DatabaseOptions> database)
    {
        AlertmanagerOptions alertmanager = alertmanagerOptions.Value;
        ApiOptions api = apiOptions.Value;
        bool generateForAlertmanager = !alertmanager.AllowAnonymous && string.IsNullOrEmpty(alertmanager.BearerToken);
        bool generateForApi = !api.AllowAnonymous && api.Tokens.Count == 0;
        Generated = generateForAlertmanager || generateForApi
            ? AccessTokenFile.ReadOrCreate(Path.GetDirectoryName(Path.GetFullPath(database.Value.SqlitePath))!)
            : null;

        const string WebhookNeeds = "This webhook needs the header \"Authorization: Bearer <token>\" with";
        Alertmanager = alertmanager.AllowAnonymous ? BearerCredentials.Anonymous
            : generateForAlertmanager ? BearerCredentials.Tokens(new Dictionary<string, string> { [AlertmanagerName] = Generated!.AlertmanagerToken },
                $"{WebhookNeeds} {AccessTokenFile.AlertmanagerKey} from the file {AccessTokenFile.FileName} in the bot's data folder, or the token set in Alertmanager:BearerToken.")
            : BearerCredentials.Tokens(new Dictionary<string, string> { [AlertmanagerName] = alertmanager.BearerToken! },
                $"{WebhookNeeds} the token set in Alertmanager:BearerToken.");

        const string ApiNeeds = "This endpoint needs the header \"Authorization: Bearer <token>\" with";
        Api = api.AllowAnonymous ? BearerCredentials.Anonymous
            : generateForApi ? BearerCredentials.Tokens(new Dictionary<string, string> { [GeneratedApiTokenName] = Generated!.ApiToken },
                $"{ApiNeeds} {AccessTokenFile.ApiKey} from the file {AccessTokenFile.FileName} in the bot's data folder, or a token set in Api:Tokens:<name>.")
            : BearerCredentials.Tokens(api.Tokens, $"{ApiNeeds} a token set in Api:Tokens:<name>.");
    }

    public BearerCredentials Alertmanager { get; }

    public BearerCredentials Api { get; }

    /// <summary>The generated tokens, when a side uses them; null when every side is configured or anonymous.</summary>
    public AccessTokenFile? Generated { get; }
}
