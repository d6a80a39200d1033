namespace ChatOpsIncidents.Core.OnCall;

/// <summary>Who is on call from <see cref="From"/> on.</summary>
public sealed record OnCallShift(DateTimeOffset From, IReadOnlyList<string> Users);
