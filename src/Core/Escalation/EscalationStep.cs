namespace ChatOpsIncidents.Core.Escalation;

/// <summary>Notifies its targets, then waits <see cref="WaitMinutes"/> for an acknowledgement before the next step.</summary>
public sealed class EscalationStep
{
    /// <summary>On-call schedules whose current on-call is notified.</summary>
    public string[] Schedules { get; set; } = [];

    /// <summary>Slack user ids.</summary>
    public string[] Users { get; set; } = [];

    /// <summary>Names of <see cref="EscalationOptions.Groups"/>.</summary>
    public string[] Groups { get; set; } = [];

    /// <summary>
    /// Handles of Slack user groups (<c>sre-oncall</c>, with or without the @): each member is paged. Their members are read
    /// from Slack when the page is sent, so a step cannot know beforehand that such a group is empty; an empty or unknown
    /// group is written to the incident's timeline instead.
    /// </summary>
    public string[] SlackGroups { get; set; } = [];

    /// <summary>Email addresses written to (through <c>Notifications:Email</c>).</summary>
    public string[] Email { get; set; } = [];

    /// <summary>Also email each person the step pages in Slack, at their address in <c>Notifications:Email:People</c> or their Slack profile.</summary>
    public bool EmailPeople { get; set; }

    /// <summary>Phone numbers in E.164 form (<c>+4915112345678</c>) sent a text message (through <c>Notifications:Sms</c>).</summary>
    public string[] Sms { get; set; } = [];

    /// <summary>Names of PagerDuty services under <c>Notifications:PagerDuty:RoutingKeys</c>, where the step triggers an event.</summary>
    public string[] PagerDuty { get; set; } = [];

    /// <summary>Names of outgoing webhooks under <c>Notifications:Webhooks</c>.</summary>
    public string[] Webhooks { get; set; } = [];

    public int WaitMinutes { get; set; } = 5;

    /// <summary>Whether the step notifies through a channel beside Slack: email, SMS, PagerDuty or a webhook.</summary>
    public bool NotifiesBeyondSlack => EmailPeople || Email.Length + Sms.Length + PagerDuty.Length + Webhooks.Length > 0;
}
