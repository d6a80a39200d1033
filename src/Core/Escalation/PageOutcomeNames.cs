namespace ChatOpsIncidents.Core.Escalation;

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
