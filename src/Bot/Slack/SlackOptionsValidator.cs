using System.Text.RegularExpressions;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack;

internal sealed partial class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        List<string> failures = [];
        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http"))
        {
            failures.Add($"Slack:ApiBaseUrl must be an absolute http(s) URL such as \"https://slack.com/api/\", was \"{options.ApiBaseUrl}\".");
        }
        if (!ChannelPrefixPattern().IsMatch(options.ChannelPrefix))
        {
            failures.Add($"Slack:ChannelPrefix must be 1-20 lowercase letters, digits, '-' or '_', was \"{options.ChannelPrefix}\".");
        }
        if (!string.IsNullOrEmpty(options.TeamId) && !TeamIdPattern().IsMatch(options.TeamId))
        {
            failures.Add($"Slack:TeamId must be a workspace id such as \"T0123ABCD\" (or an Enterprise Grid id, \"E…\"), was \"{options.TeamId}\".");
        }
        if (!string.IsNullOrEmpty(options.AppId) && !AppIdPattern().IsMatch(options.AppId))
        {
            failures.Add($"Slack:AppId must be an app id such as \"A0123ABCD\" (Basic Information → App ID), was \"{options.AppId}\".");
        }
        if (!string.IsNullOrWhiteSpace(options.AppToken) && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            failures.Add("Slack:AppToken must be an app-level token (it starts with \"xapp-\").");
        }
        if (!SeverityText.TryParse(options.ChannelFor, out _))
        {
            failures.Add($"Slack:ChannelFor must be a severity from \"SEV1\" to \"SEV4\" (the least severe incident with a channel of its own), was \"{options.ChannelFor}\".");
        }
        if (options.CardLabels?.Any(string.IsNullOrWhiteSpace) == true)
        {
            failures.Add("Slack:CardLabels must list alert label names such as \"instance\"; an entry is empty.");
        }
        if (options.AlertLinesDelay < TimeSpan.Zero || options.AlertLinesDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Slack:AlertLinesDelay must be between 0 and 5 minutes, such as \"00:00:15\", was \"{options.AlertLinesDelay}\".");
        }
        if (options.Responders.FirstOrDefault(responder => !ResponderPattern().IsMatch(responder)) is { } wrong)
        {
            failures.Add($"Slack:Responders must list Slack user ids (\"U0123ABCD\") and user-group handles (\"@oncall\"), was \"{wrong}\".");
        }
        if (options.Enabled)
        {
            if (!options.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
            {
                failures.Add("Slack:BotToken must be a bot token (it starts with \"xoxb-\").");
            }
            if (string.IsNullOrWhiteSpace(options.SigningSecret) && string.IsNullOrWhiteSpace(options.AppToken))
            {
                failures.Add("Slack:SigningSecret or Slack:AppToken is required when Slack:BotToken is set: the signing secret (Basic Information → Signing Secret) "
                    + "receives Slack's requests over HTTPS, the app-level token (Basic Information → App-Level Tokens, scope connections:write) over Socket Mode.");
            }
            if (string.IsNullOrWhiteSpace(options.IncidentsChannel))
            {
                failures.Add("Slack:IncidentsChannel is required when Slack:BotToken is set, e.g. \"#incidents\".");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9_-]{1,20}$")]
    private static partial Regex ChannelPrefixPattern();

    [GeneratedRegex("^[TE][A-Z0-9]{2,20}$")]
    private static partial Regex TeamIdPattern();

    [GeneratedRegex("^A[A-Z0-9]{2,20}$")]
    private static partial Regex AppIdPattern();

    [GeneratedRegex("^([UW][A-Z0-9]{2,}|@[a-z0-9][a-z0-9._-]*)$")]
    private static partial Regex ResponderPattern();
}
