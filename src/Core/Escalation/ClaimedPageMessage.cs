namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// A sent page message to edit now that an incident it pages for is no longer triggered, leased by one dispatcher.
/// <see cref="Pages"/> are all the pages it carries (with their incidents), so that it can be rendered whole; of those,
/// <see cref="Leased"/> are the ones whose Acknowledge button is still there.
/// </summary>
public sealed record ClaimedPageMessage(
    string Channel,
    string Ts,
    IReadOnlyList<Page> Pages,
    IReadOnlyList<Page> Leased,
    IReadOnlyDictionary<long, string> Channels)
{
    public string Recipient => Pages[0].Recipient;
}
