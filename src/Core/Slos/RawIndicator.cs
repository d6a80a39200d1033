namespace ChatOpsIncidents.Core.Slos;

/// <summary>An indicator whose query already gives the error ratio, between 0 and 1.</summary>
public sealed record RawIndicator(string ErrorRatioQuery) : SloIndicator;
