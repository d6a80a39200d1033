namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>The SMTP server that sends the steps' emails.</summary>
public sealed class EmailNotificationOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty: the server is used without signing in.</summary>
    public string UserName { get; set; } = "";

    /// <summary>A secret.</summary>
    public string Password { get; set; } = "";

    /// <summary>The sender's address, such as <c>incidents@example.com</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>
    /// Email addresses of Slack users by user id, for steps with <c>EmailPeople</c>; whoever is not listed is emailed at the
    /// address of their Slack profile (the app needs the <c>users:read.email</c> scope).
    /// </summary>
    public Dictionary<string, string> People { get; set; } = new(StringComparer.Ordinal);
}
