namespace ChatOpsIncidents.Bot.Slos;

/// <summary>A Prometheus rule group: its rules are evaluated in order, each seeing the results of those before it.</summary>
internal sealed record RuleGroup(string Name, IReadOnlyList<PrometheusRule> Rules);
