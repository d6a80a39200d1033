namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>What to answer Slack for an interaction: an empty 200, or the errors that keep a modal open.</summary>
public sealed record InteractionAnswer(ViewSubmissionReply? Errors)
{
    /// <summary>An empty 200: Slack closes a submitted modal; a click needs nothing more.</summary>
    public static InteractionAnswer Empty { get; } = new((ViewSubmissionReply?)null);
}
