namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// Whom a step notifies and how: a Slack user id (or @handle) on <see cref="PageChannel.Slack"/>; an email address or a Slack
/// user id on <see cref="PageChannel.Email"/>; a phone number on <see cref="PageChannel.Sms"/>; the name of a configured PagerDuty
/// service or webhook on the other two.
/// </summary>
public readonly record struct PageTarget(PageChannel Channel, string Recipient)
{
    /// <summary>How the step's timeline entry names it: the Slack user id alone, else "email to …", "SMS to …", "PagerDuty …", "webhook …".</summary>
    public override string ToString() => Channel switch
    {
        PageChannel.Slack => Recipient,
        PageChannel.Email => $"email to {Recipient}",
        PageChannel.Sms => $"SMS to {Recipient}",
        PageChannel.PagerDuty => $"PagerDuty {Recipient}",
        _ => $"webhook {Recipient}",
    };
}
