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

    public int WaitMinutes { get; set; } = 5;
}
