namespace ChatOpsIncidents.Core.Incidents;

/// <summary>Of the postmortems of incidents resolved in a period, how many there are and how many were done in time (72 hours unless configured otherwise).</summary>
public sealed record PostmortemCompletion(int Postmortems, int DoneInTime)
{
    public static readonly TimeSpan Target = TimeSpan.FromHours(72);
}
