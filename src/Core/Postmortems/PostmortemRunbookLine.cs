namespace ChatOpsIncidents.Core.Postmortems;

public sealed record PostmortemRunbookLine(string At, string Runbook, string Result);
