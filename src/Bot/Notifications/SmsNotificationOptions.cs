namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>Twilio's Messages API, which sends the steps' text messages.</summary>
public sealed class SmsNotificationOptions
{
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com/");

    /// <summary>The account SID (<c>AC</c> and 32 hex digits); with <see cref="AuthToken"/>, the basic auth of each request.</summary>
    public string AccountSid { get; set; } = "";

    /// <summary>A secret.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>The Twilio number the texts come from, in E.164 form.</summary>
    public string From { get; set; } = "";
}
