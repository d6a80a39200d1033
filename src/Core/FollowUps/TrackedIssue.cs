namespace ChatOpsIncidents.Core.FollowUps;

/// <summary>An issue in the tracker: its key ("42", "OPS-7"), where people read it, and whether it is closed.</summary>
public sealed record TrackedIssue(string Key, string Url, bool IsClosed);
