namespace ChatOpsIncidents.Core.Escalation;

public enum PageOutcome
{
    /// <summary>The person got the message.</summary>
    Sent,

    /// <summary>The incident was acknowledged or resolved before the page left: the ack wins, nobody is woken for nothing.</summary>
    NotNeeded,

    /// <summary>Slack refused to message the person for good (a wrong user id in the settings); logged.</summary>
    Refused,

    /// <summary>A Slack user group's page, handed on as a page to each of its members.</summary>
    HandedOn,
}

public static class PageOutcomeNames
{
    /// <summary>The outcome as the metrics and the API name it: <c>sent</c>, <c>not_needed</c>, <c>refused</c>, <c>handed_on</c>.</summary>
    public static string ToName(this PageOutcome outcome) => outcome switch
    {
        PageOutcome.Sent => "sent",
        PageOutcome.NotNeeded => "not_needed",
        PageOutcome.Refused => "refused",
        _ => "handed_on",
    };
}
