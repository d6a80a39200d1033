namespace ChatOpsIncidents.Core.Postmortems;

public sealed record PostmortemActionItem(string Text, string? Owner);
