using System.Diagnostics.CodeAnalysis;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>Either the verified body of a Slack request (with its form, for form bodies) or the answer that refuses it.</summary>
internal sealed record SlackRequestRead(byte[]? Body, SlackForm? Form, IResult? Refusal)
{
    /// <summary>The key its handler records the request by (<see cref="ReplayRecord.InTheHandlersWrite"/>); null when it was recorded already.</summary>
    public string? ReplayKey { get; init; }

    [MemberNotNullWhen(true, nameof(Body), nameof(Form))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted => Body is not null;

    public static SlackRequestRead Accepted(byte[] body, SlackForm form) => new(body, form, null);

    public static SlackRequestRead Refused(IResult refusal) => new(null, null, refusal);
}
