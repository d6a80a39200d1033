namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// One person's (or one Slack user group's) due pages, leased by one dispatcher, with their incidents loaded, and the chat
/// channel of each incident whose channel exists by now (keyed by incident id).
/// </summary>
public sealed record ClaimedPages(string Recipient, IReadOnlyList<Page> Pages, IReadOnlyDictionary<long, string> Channels);
