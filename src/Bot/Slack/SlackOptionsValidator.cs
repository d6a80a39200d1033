using System.Text.RegularExpressions;
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
        if (options.Enabled)
        {
            if (!options.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
            {
                failures.Add("Slack:BotToken must be a bot token (it starts with \"xoxb-\").");
            }
            if (string.IsNullOrWhiteSpace(options.SigningSecret))
            {
                failures.Add("Slack:SigningSecret is required when Slack:BotToken is set (Slack app settings → Basic Information → Signing Secret).");
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
}
