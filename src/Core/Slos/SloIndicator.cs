namespace ChatOpsIncidents.Core.Slos;

/// <summary>
/// How the error ratio of an SLO is measured: PromQL with a <c>{{.window}}</c> placeholder that Sloth fills with each
/// window of <see cref="SloWindow.All"/>.
/// </summary>
public abstract record SloIndicator;
