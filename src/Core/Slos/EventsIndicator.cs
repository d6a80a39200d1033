namespace ChatOpsIncidents.Core.Slos;

/// <summary>An indicator counting events: the rate of bad events over the rate of all events.</summary>
public sealed record EventsIndicator(string ErrorQuery, string TotalQuery) : SloIndicator;
