namespace ChatOpsIncidents.Bot.Slos;

/// <summary>Every SLO the bot knows, worst first: least budget left, then fastest burn; unknown budgets last.</summary>
public sealed record SloListView(IReadOnlyList<SloView> Slos);
