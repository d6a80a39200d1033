namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// A follow-up in the postmortem: <paramref name="Done"/> once its issue in the tracker is closed; <paramref name="Issue"/> links
/// that issue once created, and <paramref name="IssueState"/> says where it stands ("open", "closed", "being created"…).
/// </summary>
public sealed record PostmortemActionItem(string Text, string? Owner, bool Done = false, MarkdownLink? Issue = null, string? IssueState = null);
