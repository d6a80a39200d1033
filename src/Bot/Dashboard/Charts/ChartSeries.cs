namespace ChatOpsIncidents.Bot.Dashboard.Charts;

/// <summary>One named line or bar layer of a chart: a value per category, null where there is none.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);
