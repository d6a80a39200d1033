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
