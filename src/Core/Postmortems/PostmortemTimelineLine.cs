namespace ChatOpsIncidents.Core.Postmortems;

public sealed record PostmortemTimelineLine(string At, string Actor, string Text);
