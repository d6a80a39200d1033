using System.Diagnostics.CodeAnalysis;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>Either the verified form of a Slack request or the answer that refuses it.</summary>
internal sealed record SlackRequestRead(SlackForm? Form, IResult? Refusal)
{
    [MemberNotNullWhen(true, nameof(Form))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted => Form is not null;

    public static SlackRequestRead Accepted(SlackForm form) => new(form, null);

    public static SlackRequestRead Refused(IResult refusal) => new(null, refusal);
}
