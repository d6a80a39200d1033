using System.Text;
using ChatOpsIncidents.Bot.Slack.Commands;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>An <c>application/x-www-form-urlencoded</c> body from Slack, parsed from the same raw bytes the signature covers.</summary>
internal sealed class SlackForm
{
    private readonly Dictionary<string, StringValues> _fields;

    private SlackForm(Dictionary<string, StringValues> fields) => _fields = fields;

    public static SlackForm Parse(byte[] body) => new(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)));

    /// <summary>The field's first value, or null when it is missing or empty.</summary>
    public string? this[string name] => _fields.TryGetValue(name, out StringValues values) && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    public bool IsSslCheck => this["ssl_check"] == "1";

    /// <summary>The slash command, or null when Slack's required fields (<c>command</c>, <c>user_id</c>) are missing.</summary>
    public SlashCommand? ToSlashCommand()
    {
        if (this["command"] is not { } command || this["user_id"] is not { } userId)
        {
            return null;
        }
        return new SlashCommand(command, this["text"] ?? "", userId)
        {
            UserName = this["user_name"],
            ChannelId = this["channel_id"],
            ChannelName = this["channel_name"],
            TeamId = this["team_id"],
            ApiAppId = this["api_app_id"],
            ResponseUrl = this["response_url"],
            TriggerId = this["trigger_id"],
        };
    }
}
