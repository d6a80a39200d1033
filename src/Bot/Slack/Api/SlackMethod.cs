namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// A Web API method with its rate-limit budget (calls per minute; 0 = no method-wide budget) and whether repeating it after an
/// unknown outcome is harmless. Budgets are Slack's tiers: Tier 2 ≈ 20/min, Tier 3 ≈ 50/min, Tier 4 ≈ 100/min;
/// <c>chat.postMessage</c> is limited per channel instead (about one message per second).
/// </summary>
internal sealed record SlackMethod(string Name, int PerMinute, bool IsIdempotent, bool LimitedPerChannel = false)
{
    private const int Tier2 = 20;
    private const int Tier3 = 50;
    private const int Tier4 = 100;

    public static readonly SlackMethod PostMessage = new("chat.postMessage", 0, IsIdempotent: false, LimitedPerChannel: true);
    public static readonly SlackMethod Update = new("chat.update", Tier3, IsIdempotent: true);
    public static readonly SlackMethod PostEphemeral = new("chat.postEphemeral", Tier4, IsIdempotent: false);
    public static readonly SlackMethod CreateConversation = new("conversations.create", Tier2, IsIdempotent: false);
    public static readonly SlackMethod Invite = new("conversations.invite", Tier3, IsIdempotent: true);
    public static readonly SlackMethod SetTopic = new("conversations.setTopic", Tier2, IsIdempotent: true);
    public static readonly SlackMethod Archive = new("conversations.archive", Tier2, IsIdempotent: true);
    public static readonly SlackMethod OpenConversation = new("conversations.open", Tier3, IsIdempotent: true);
    public static readonly SlackMethod UserInfo = new("users.info", Tier4, IsIdempotent: true);
    public static readonly SlackMethod LookUpUserByEmail = new("users.lookupByEmail", Tier3, IsIdempotent: true);
    public static readonly SlackMethod ListUserGroups = new("usergroups.list", Tier2, IsIdempotent: true);
    public static readonly SlackMethod OpenView = new("views.open", Tier4, IsIdempotent: false);
    public static readonly SlackMethod GetUploadUrl = new("files.getUploadURLExternal", Tier4, IsIdempotent: true);
    public static readonly SlackMethod CompleteUpload = new("files.completeUploadExternal", Tier4, IsIdempotent: false);
    public static readonly SlackMethod DeleteFile = new("files.delete", Tier3, IsIdempotent: true);

    /// <summary>Socket Mode's connection URL, with the app-level token: once per connection, outside the bot token's rate limiter.</summary>
    public static readonly SlackMethod OpenConnection = new("apps.connections.open", 0, IsIdempotent: true);

    /// <summary>The POST of a file's bytes to the <c>upload_url</c> Slack handed out: not a Web API method, not rate-limited.</summary>
    public static readonly SlackMethod UploadBytes = new("upload_url", 0, IsIdempotent: true);
}
