namespace ChatOpsIncidents.Core.Incidents;

/// <summary>Of the postmortems of incidents resolved in a period, how many there are and how many were done within 72 hours.</summary>
public sealed record PostmortemCompletion(int Postmortems, int DoneWithin72Hours)
{
    public static readonly TimeSpan Target = TimeSpan.FromHours(72);
}
